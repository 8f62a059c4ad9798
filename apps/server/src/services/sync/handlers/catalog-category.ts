import { AppError, type CatalogCategorySaveArgs } from '@makeries/shared';
import { and, eq, ne } from 'drizzle-orm';
import type { Tx } from '../../../db/client';
import { categories } from '../../../db/schema/index';
import { refreshProductDenorm } from '../../products';
import { recordSearchWords } from '../../search-words';
import { requireProvenRole, requireStaff, type ApplyScope } from '../scope';

/**
 * Adds one of this shop's own categories with the counter's id, or renames/reorders it. Marketplace categories
 * (curated by the operator) and other shops' categories are never written from a counter: such an id is a
 * FORBIDDEN rejection and nothing changes. Slugs are unique within the shop. A rename is written into its
 * products' search text, as the operator tooling does.
 */
export async function applyCatalogCategorySave(tx: Tx, scope: ApplyScope, a: CatalogCategorySaveArgs): Promise<void> {
  requireStaff(scope, a.staffId);
  requireStaff(scope, a.approvedBy, 'approving manager');
  requireProvenRole(scope, a.staffId, a.approvedBy);
  const [before] = await tx
    .select({ name: categories.name, vendorId: categories.vendorId })
    .from(categories)
    .where(eq(categories.id, a.id))
    .for('update');
  if (before && before.vendorId !== scope.vendorId) {
    throw new AppError(
      'FORBIDDEN',
      before.vendorId === null
        ? `"${before.name}" is a marketplace category: only the marketplace can rename it. Create a shop category instead.`
        : 'This category belongs to another shop.',
      { details: { field: 'id', categoryId: a.id } },
    );
  }
  const [clash] = await tx
    .select({ name: categories.name })
    .from(categories)
    .where(and(eq(categories.vendorId, scope.vendorId), eq(categories.slug, a.slug), ne(categories.id, a.id)));
  if (clash) {
    throw new AppError('DUPLICATE', `Your category "${clash.name}" already uses the web address "${a.slug}". Pick that category instead.`, {
      details: { field: 'slug' },
    });
  }
  if (before) {
    await tx
      .update(categories)
      .set({ slug: a.slug, name: a.name, sort: a.sort })
      .where(and(eq(categories.id, a.id), eq(categories.vendorId, scope.vendorId)));
  } else {
    await tx.insert(categories).values({ id: a.id, vendorId: scope.vendorId, slug: a.slug, name: a.name, sort: a.sort });
  }
  if (before?.name !== a.name) {
    await recordSearchWords(tx, [a.name]);
    if (before) await refreshProductDenorm(tx, { categoryId: a.id });
  }
}
