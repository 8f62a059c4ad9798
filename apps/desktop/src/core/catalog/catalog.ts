import { asc, sql } from 'drizzle-orm';
import { text, uuidSchema } from '@makeries/shared';
import { z } from 'zod';
import type { CoreContext } from '../context';
import { mirrorCategories } from '../db/schema/index';
import { notFound, parseInput } from '../errors';
import { variantById, variantsByCategory, type SellableVariant } from './lookup';
import { resolveScan, type ScanMatch } from './scan';
import { searchVariants, type SearchHit } from './search';
import { onHandFor } from './stock';
import { vendorSettings, type VendorSettings } from './vendor';

const searchInput = z.object({ text: text({ max: 200, trim: false, label: 'Searches' }), limit: z.number().int().min(1).max(100).default(20) });

export function createCatalogModule(ctx: CoreContext) {
  return {
    vendor: (): VendorSettings => vendorSettings(ctx.db),

    search(input: z.input<typeof searchInput>): SearchHit[] {
      const p = parseInput(searchInput, input);
      return searchVariants(ctx.sqlite, ctx.db, p.text, p.limit);
    },

    /** What a scanned code is, without touching a cart (price checks, quick-add prompts). */
    lookupCode: (code: string): ScanMatch => resolveScan(ctx.db, code),

    variant(variantId: string): SellableVariant {
      const id = parseInput(uuidSchema, variantId);
      const v = variantById(ctx.db, id);
      if (!v) throw notFound('That product is not in this counter’s catalog (or is archived).');
      return v;
    },

    /** Categories that have at least one sellable variant, for the quick-key grid. */
    categories() {
      return ctx.db
        .select({ id: mirrorCategories.id, name: mirrorCategories.name, slug: mirrorCategories.slug })
        .from(mirrorCategories)
        .where(
          sql`EXISTS (SELECT 1 FROM mirror_products p JOIN mirror_variants v ON v.product_id = p.id
            WHERE p.category_id = ${mirrorCategories.id} AND p.archived = 0 AND v.archived = 0)`,
        )
        .orderBy(asc(mirrorCategories.sort), asc(mirrorCategories.name))
        .all();
    },

    /** Quick keys with on-hand (null: no level known), so a sold-out tile says so before it is tapped. */
    byCategory(categoryId: string, limit = 200): SearchHit[] {
      const variants = variantsByCategory(ctx.db, parseInput(uuidSchema, categoryId), limit);
      const onHand = onHandFor(ctx.db, variants.map((v) => v.variantId));
      return variants.map((v) => ({ ...v, onHand: onHand.get(v.variantId) ?? null }));
    },

    onHand: (variantIds: readonly string[]): Map<string, number> => onHandFor(ctx.db, variantIds),
  };
}
