import {
  AppError,
  decodeVariableMeasure,
  isVariableMeasure,
  minorUnitDigits,
  validateBarcode,
} from '@makeries/shared';
import type { CounterDb } from '../db/open';
import { variantByBarcode, variantByPlu, variantBySku, type SellableVariant } from './lookup';
import { vendorSettings } from './vendor';

export type ScanMeasure = { kind: 'weight'; grams: number } | { kind: 'price'; priceCents: number };

export interface ScanMatch {
  variant: SellableVariant;
  /** the code as scanned (a retail code without its printed spaces/dashes) */
  code: string;
  /** set for GS1 variable-measure labels printed by a scale */
  measure?: ScanMeasure;
}

function unknownCode(code: string): AppError {
  return new AppError('NOT_FOUND', `No product has the code ${code}. Quick-add it, or find it by name.`, {
    details: { code, quickAdd: true },
  });
}

/** The spellings a catalog may hold for one retail code: as scanned, EAN-13, and UPC-A's 12 digits. */
function spellings(code: string, normalized: string): string[] {
  const all = new Set([code, normalized]);
  if (normalized.length === 13 && normalized.startsWith('0')) all.add(normalized.slice(1));
  return [...all];
}

/**
 * Resolves a scanned code to a variant: exact barcode first (a vendor may label fixed items with prefix 2),
 * then the vendor's GS1 variable-measure template (weight or price from the scale), then SKU for non-retail
 * codes. A retail code with a wrong check digit is a misread: INVALID_BARCODE, so staff rescan.
 */
export function resolveScan(db: CounterDb, raw: string): ScanMatch {
  const trimmed = raw.trim();
  const digits = trimmed.replace(/[\s-]/g, '');
  // spaces/dashes are print formatting in a retail code, but part of a Code 128 label like "LOAF-1"
  const code = /^\d+$/.test(digits) ? digits : trimmed;
  if (code === '') throw new AppError('BAD_INPUT', 'Scan or type a barcode.');
  const check = validateBarcode(code);
  const isRetailShape = /^\d+$/.test(code) && [8, 12, 13].includes(code.length);
  if (!check.ok && isRetailShape) throw new AppError('INVALID_BARCODE', check.reason, { details: { code } });

  const exact = variantByBarcode(db, check.ok ? spellings(code, check.normalized) : [code]);
  if (exact) return { variant: exact, code };

  const vendor = vendorSettings(db);
  const template = vendor.gs1Template;
  if (check.ok && template && isVariableMeasure(code, template)) {
    const vm = decodeVariableMeasure(code, template, minorUnitDigits(vendor.currency));
    const variant = variantByPlu(db, vm.prefix, vm.itemRef);
    if (!variant) throw unknownCode(code);
    const measure: ScanMeasure =
      vm.kind === 'weight' ? { kind: 'weight', grams: vm.grams ?? 0 } : { kind: 'price', priceCents: vm.priceCents ?? 0 };
    return { variant, code, measure };
  }

  if (!check.ok) {
    const bySku = variantBySku(db, code);
    if (bySku) return { variant: bySku, code };
  }
  throw unknownCode(code);
}
