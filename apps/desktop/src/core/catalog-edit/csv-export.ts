import { CATALOG_CSV_COLUMNS, minorUnitDigits } from '@makeries/shared';
import Papa from 'papaparse';
import { vendorSettings } from '../catalog/vendor';
import type { CoreContext } from '../context';
import { guardFormula } from './csv-formula';
import { queryProducts } from './reads';

/** Exact decimal text of minor units ("450", 2 → "4.50") without a float on the way. */
function decimalText(amount: number, digits: number): string {
  const abs = String(Math.abs(amount)).padStart(digits + 1, '0');
  const text = digits > 0 ? `${abs.slice(0, abs.length - digits)}.${abs.slice(abs.length - digits)}` : abs;
  return amount < 0 ? `-${text}` : text;
}

export interface CatalogCsv {
  fileName: string;
  text: string;
  rows: number;
}

/**
 * The whole catalog (archived products left out), one row per variant, in the columns the import reads
 * back. Prices are plain decimals in the shop's currency; on_hand is informational (import ignores it). A text
 * cell starting with = + - @ gets a leading apostrophe (csv-formula.ts), which the import takes off again.
 */
export function exportCatalogCsv(ctx: CoreContext): CatalogCsv {
  const currency = vendorSettings(ctx.db).currency;
  const digits = minorUnitDigits(currency);
  const rows: string[][] = [];
  for (const p of queryProducts(ctx, { q: '', status: 'active', limit: -1 })) {
    for (const v of p.variants.filter((x) => !x.archived)) {
      // text the shop typed is guarded against running as a spreadsheet formula; numbers and yes/no are ours
      rows.push([
        guardFormula(p.name),
        guardFormula(v.name),
        guardFormula(v.sku),
        guardFormula(v.barcode ?? ''),
        decimalText(v.priceCents, digits),
        guardFormula(p.categoryName ?? ''),
        guardFormula(v.taxClass),
        p.onlineVisible ? 'yes' : 'no',
        v.onHand === null ? '' : String(v.onHand),
      ]);
    }
  }
  const day = new Date(ctx.now()).toISOString().slice(0, 10);
  return { fileName: `catalog-${day}.csv`, text: Papa.unparse({ fields: [...CATALOG_CSV_COLUMNS], data: rows }), rows: rows.length };
}
