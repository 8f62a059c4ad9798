import { Title } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTRPC } from '../../app/api';
import { CategoryIcon } from '../../components/category-icon';
import { EMPTY_SEARCH, searchHref, withFilters } from '../../lib/search-params';

/** The marketplace categories that have something for sale, with counts from the rollup (refreshed every few minutes). */
export function CategoryChips() {
  const trpc = useTRPC();
  const categories = useSuspenseQuery(trpc.catalog.categories.queryOptions()).data.filter((c) => c.productCount > 0);
  if (categories.length === 0) return null;
  return (
    <section aria-labelledby="categories-title">
      <Title id="categories-title" order={2} size="h3" mb="sm">
        Browse by category
      </Title>
      <ul className="mk-chips">
        {categories.map((c) => (
          <li key={c.slug}>
            <Link to={searchHref(withFilters(EMPTY_SEARCH, { categories: [c.slug] }))} className="mk-chip">
              <CategoryIcon slug={c.slug} size={18} />
              {c.name}
              <span className="mk-chip-count">{c.productCount}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
