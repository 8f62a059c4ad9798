import { Button, Drawer, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { SearchSort } from '@makeries/shared';
import { IconAdjustmentsHorizontal, IconArrowLeft, IconArrowRight } from '@tabler/icons-react';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link, useLoaderData, useLocation, useNavigate } from 'react-router';
import { useTRPC } from '../../app/api';
import { ProductCard } from '../../components/product-card';
import { countLabel } from '../../lib/format';
import { activeFilterCount, nextPage, parseSearchParams, searchHref, SEARCH_PAGE_SIZE, toSearchInput, withFilters, type SearchState } from '../../lib/search-params';
import { ActiveFilters } from './active-filters';
import { facetsInput, searchTitle, type SearchData } from './loader';
import { SearchFilters } from './search-filters';

const SORT_LABELS: Record<SearchSort, string> = {
  relevance: 'Best match',
  distance: 'Nearest first',
  popularity: 'Most popular',
  price_asc: 'Price: low to high',
  price_desc: 'Price: high to low',
  newest: 'Newest',
};

export function SearchPage() {
  const trpc = useTRPC();
  const location = useLocation();
  const navigate = useNavigate();
  const state = useMemo(() => parseSearchParams(new URLSearchParams(location.search)), [location.search]);
  const result = useSuspenseQuery(trpc.search.products.queryOptions(toSearchInput(state))).data;
  const facets = useSuspenseQuery(trpc.search.products.queryOptions(state.after ? facetsInput(state) : toSearchInput(state))).data;
  const categories = useSuspenseQuery(trpc.catalog.categories.queryOptions()).data;
  const [filtersOpen, filters] = useDisclosure(false);
  const saved = useLoaderData<SearchData>().savedLocation;

  const change = (patch: Partial<SearchState>) => void navigate(searchHref(withFilters(state, patch)), { preventScrollReset: true });
  const total = facets.total ?? result.items.length;
  // a wide search counts a sample of its matches: say so rather than print a figure that looks exact
  const about = facets.totalEstimated === true ? 'About ' : '';
  const oneCategory = state.categories.length === 1 ? categories.find((c) => c.slug === state.categories[0]) : undefined;
  const heading = searchTitle(state, oneCategory?.name);
  const first = (state.page - 1) * SEARCH_PAGE_SIZE + 1;
  const sorts = (Object.keys(SORT_LABELS) as SearchSort[]).filter((s) => (s !== 'relevance' || state.q) && (s !== 'distance' || state.near || saved));
  const filterCount = activeFilterCount(state);
  const countText = `${total === 0 ? 'No products found' : `${about}${countLabel(total)} ${total === 1 ? 'product' : 'products'}`}${
    state.page > 1 && result.items.length > 0 ? ` · showing ${first}–${first + result.items.length - 1}` : ''
  }`;
  const filterPanel = <SearchFilters state={state} facets={facets.facets} categories={categories} savedLocation={saved} onChange={change} />;

  return (
    <div className="mk-search-layout">
      <aside aria-label="Filters" className="mk-search-aside">
        {filterPanel}
      </aside>
      <Stack gap="md" style={{ minWidth: 0 }}>
        <Group justify="space-between" align="flex-end" gap="sm">
          <div style={{ flex: '0 1 auto', minWidth: 0 }}>
            <Title order={1} fz={{ base: 24, sm: 30 }}>
              {state.q ? `Results for ${heading}` : heading}
            </Title>
            <Text c="dimmed" size="sm" aria-live="polite">
              {countText}
            </Text>
          </div>
          <Group gap="sm" wrap="nowrap" style={{ flex: '1 1 260px' }}>
            <Button
              className="mk-filters-button"
              variant="default"
              leftSection={<IconAdjustmentsHorizontal size={18} aria-hidden />}
              onClick={filters.open}
              style={{ flex: 'none' }}
            >
              Filters{filterCount ? ` (${filterCount})` : ''}
            </Button>
            <Select
              label="Sort by"
              size="sm"
              w={{ base: 170, sm: 210 }}
              value={result.sort}
              data={sorts.map((s) => ({ value: s, label: SORT_LABELS[s] }))}
              allowDeselect={false}
              onChange={(v) => {
                if (!v) return;
                const sort = v as SearchSort;
                change(sort === 'distance' && !state.near && saved ? { sort, near: { lat: saved.lat, lng: saved.lng } } : { sort });
              }}
              classNames={{ label: 'mk-visually-hidden' }}
              leftSection={<Text size="xs" c="dimmed" pl={6} aria-hidden>Sort</Text>}
              leftSectionWidth={42}
              ml="auto"
            />
          </Group>
        </Group>
        <ActiveFilters state={state} categories={categories} onChange={change} />
        {result.items.length === 0 ? (
          <Stack align="flex-start" gap="xs" py="xl">
            <Text fw={600}>Nothing matches {state.q ? `“${state.q}”` : 'these filters'}.</Text>
            <Text c="dimmed" size="sm">
              Try fewer filters or a different word — we also look for close spellings.
            </Text>
            {filterCount > 0 && (
              <Button variant="light" onClick={() => change({ categories: [], dietary: [], price: null, distanceKm: null, openNow: false, inStock: false, fulfilment: null })}>
                Clear filters
              </Button>
            )}
          </Stack>
        ) : (
          <div className="mk-grid-products mk-grid-products-3">
            {result.items.map((p, i) => (
              // the first row on a phone: its pictures are the page's largest paint, so they are not lazy
              <ProductCard key={p.id} p={p} eager={i < 2} />
            ))}
          </div>
        )}
        {(state.page > 1 || result.nextCursor) && (
          <Group justify="space-between" mt="md" component="nav" aria-label="Pages">
            {state.page > 1 ? (
              <Button component={Link} to={searchHref({ ...state, after: null, page: 1 })} variant="default" leftSection={<IconArrowLeft size={16} aria-hidden />}>
                First page
              </Button>
            ) : (
              <span />
            )}
            <Text size="sm" c="dimmed">
              Page {state.page}
            </Text>
            {result.nextCursor ? (
              <Button component={Link} to={searchHref(nextPage(state, result.nextCursor))} rightSection={<IconArrowRight size={16} aria-hidden />}>
                Next page
              </Button>
            ) : (
              <span />
            )}
          </Group>
        )}
      </Stack>
      <Drawer opened={filtersOpen} onClose={filters.close} title="Filters" position="bottom" size="85%" radius="lg">
        {filterPanel}
        <Button fullWidth mt="lg" onClick={filters.close}>
          Show {about.toLowerCase()}{countLabel(total)} {total === 1 ? 'product' : 'products'}
        </Button>
      </Drawer>
    </div>
  );
}
