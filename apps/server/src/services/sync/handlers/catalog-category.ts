import { AppError, type CatalogCategorySaveArgs } from '@makeries/shared';
import { and, eq, ne } from 'drizzle-orm';
import type { Tx } from '../../../db/client';
import { categories } from '../../../db/schema/index';
import { refreshProductDenorm } from '../../products';
import { recordSearchWords } from '../../search-words';
import { requireStaff, type ApplyScope } from '../scope';

/**
 * Adds a marketplace category with the counter's id, or renames/reorders it. Slugs are unique across the
 * marketplace: a slug another category holds is a DUPLICATE rejection (use that category instead). A rename
 * is written into its products' search text, as the operator tooling does.
 */
export async function applyCatalogCategorySave(tx: Tx, scope: ApplyScope, a: CatalogCategorySaveArgs): Promise<void> {
  requireStaff(scope, a.staffId);
  requireStaff(scope, a.approvedBy, 'approving manager');
  const [clash] = await tx
    .select({ name: categories.name })
    .from(categories)
    .where(and(eq(categories.slug, a.slug), ne(categories.id, a.id)));
  if (clash) {
    throw new AppError('DUPLICATE', `The category "${clash.name}" already uses the web address "${a.slug}". Pick that category instead.`, {
      details: { field: 'slug' },
    });
  }
  const [before] = await tx.select({ name: categories.name }).from(categories).where(eq(categories.id, a.id));
  await tx
    .insert(categories)
    .values({ id: a.id, slug: a.slug, name: a.name, sort: a.sort })
    .onConflictDoUpdate({ target: categories.id, set: { slug: a.slug, name: a.name, sort: a.sort } });
  if (before?.name !== a.name) {
    await recordSearchWords(tx, [a.name]);
    if (before) await refreshProductDenorm(tx, { categoryId: a.id });
  }
}
