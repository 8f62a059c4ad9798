import { AppError, uuidv7, type MutationArgs } from '@makeries/shared';
import type { CoreContext } from '../context';
import { parseInput } from '../errors';
import { readDevice } from '../device/device';
import { upsertEntity } from '../mirror/upsert';
import { commitEdit, type Queued } from './commit';
import { categorySaveInput, taxRateSaveInput, type CategorySaveInput, type TaxRateSaveInput } from './inputs';

/** The web address part of a category: lowercase words joined by dashes. */
function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
  return slug || 'category';
}

/**
 * The shop's own categories (its collections for the grid and shop page). Marketplace categories are mirrored
 * too, to pick for products, but only the marketplace changes them: editing one is FORBIDDEN. A new category gets
 * a slug from its name; a rename keeps the slug, so links keep working. A name another category has is refused.
 */
export function saveCategory(ctx: CoreContext, input: CategorySaveInput): Promise<Queued & { id: string }> {
  const p = parseInput(categorySaveInput, input);
  const id = p.id ?? uuidv7(ctx.now());
  return commitEdit(ctx, p.approval, 'edit categories', (stamp) => {
    const vendorId = readDevice(ctx.db).vendorId;
    const current = p.id
      ? (ctx.sqlite.prepare('SELECT slug, name, vendor_id AS vendorId FROM mirror_categories WHERE id = ?').get(p.id) as
          | { slug: string; name: string; vendorId: string | null }
          | undefined)
      : undefined;
    if (p.id && !current) throw new AppError('NOT_FOUND', 'That category is not in this counter’s catalog any more.');
    if (current && (current.vendorId === null || current.vendorId !== vendorId)) {
      throw new AppError('FORBIDDEN', `"${current.name}" is a marketplace category: only the marketplace can change it. Add a category of your own instead.`);
    }
    const slug = current?.slug ?? slugify(p.name);
    const clash = ctx.sqlite
      .prepare('SELECT name FROM mirror_categories WHERE id <> ? AND (slug = ? OR lower(name) = lower(?))')
      .get(id, slug, p.name) as { name: string } | undefined;
    if (clash) throw new AppError('DUPLICATE', `There is already a category called "${clash.name}". Use that one.`, { details: { field: 'name' } });
    const args: MutationArgs<'catalog.categorySave'> = { id, slug, name: p.name, sort: p.sort, ...stamp };
    return {
      queue: [{ name: 'catalog.categorySave', args }],
      mirror: () => upsertEntity(ctx.sqlite, 'category', id, { vendorId, slug, name: p.name, sort: p.sort }),
      result: { id },
    };
  });
}

/** A tax rate of this shop; several rates of one class add up (e.g. VAT plus a local levy). */
export function saveTaxRate(ctx: CoreContext, input: TaxRateSaveInput): Promise<Queued & { id: string }> {
  const p = parseInput(taxRateSaveInput, input);
  const id = p.id ?? uuidv7(ctx.now());
  return commitEdit(ctx, p.approval, 'edit tax rates', (stamp) => {
    if (p.id && !ctx.sqlite.prepare('SELECT 1 FROM mirror_tax_rates WHERE id = ?').get(p.id)) {
      throw new AppError('NOT_FOUND', 'That tax rate is not in this counter’s catalog any more.');
    }
    if (ctx.sqlite.prepare('SELECT 1 FROM mirror_tax_rates WHERE id <> ? AND tax_class = ? AND name = ?').get(id, p.taxClass, p.name)) {
      throw new AppError('DUPLICATE', `The ${p.taxClass} tax class already has a rate called "${p.name}".`, { details: { field: 'name' } });
    }
    const args: MutationArgs<'catalog.taxRateSave'> = { id, taxClass: p.taxClass, name: p.name, rateBps: p.rateBps, ...stamp };
    return {
      queue: [{ name: 'catalog.taxRateSave', args }],
      mirror: () => upsertEntity(ctx.sqlite, 'tax_rate', id, { taxClass: p.taxClass, name: p.name, rateBps: p.rateBps }),
      result: { id },
    };
  });
}
