import { isAppError, isVariableMeasure, type ErrorCode } from '@makeries/shared';
import type { CoreContext } from '../context';
import { addScan } from '../cart/lines';
import type { CartView } from '../cart/view';
import { vendorSettings } from '../catalog/vendor';
import { parseInput } from '../errors';
import { scanCodeInput } from './inputs';

export type ScanSource = 'keyboard' | 'serial' | 'quick-add';

/**
 * What became of one scanned code. Only the first three are about the code itself; `refused` is everything else
 * staff must act on (nobody signed in, a weighed item that needs the scale, no shop settings yet).
 */
export type ScanOutcome =
  | { status: 'added'; code: string; lineId: string; cart: CartView }
  | { status: 'invalid'; code: string; error: { code: 'INVALID_BARCODE'; message: string } }
  | { status: 'unknown'; code: string; message: string; /** false for a scale label: its product is set up by PLU */ canQuickAdd: boolean }
  | { status: 'refused'; code: string; error: { code: ErrorCode; message: string; details?: Record<string, unknown> } };

export interface ScanEvent {
  source: ScanSource;
  /** the serial scanner it came from; null for the keyboard wedge */
  scannerId: string | null;
  at: string;
  outcome: ScanOutcome;
}

/** A scale label (GS1 variable measure) whose item is unknown: quick-adding the whole code would be wrong. */
function isScaleLabel(ctx: CoreContext, code: string): boolean {
  try {
    const template = vendorSettings(ctx.db).gs1Template;
    return template !== null && isVariableMeasure(code, template);
  } catch {
    return false;
  }
}

/**
 * The scan pipeline shared by the keyboard wedge and serial scanners: check digits and GS1 variable-measure
 * labels are resolved by the catalog (`resolveScan`, via the cart's `addScan`), and the signed-in register's
 * open cart gets the item. Never throws an AppError: every outcome is a value the UI can show. Other errors
 * (a broken database) still throw.
 */
export function scanToCart(ctx: CoreContext, raw: string): ScanOutcome {
  let code = raw.trim();
  try {
    code = parseInput(scanCodeInput, { code: raw }).code;
    const change = addScan(ctx, { code });
    return { status: 'added', code, lineId: change.lineId, cart: change.cart };
  } catch (e) {
    if (!isAppError(e)) throw e;
    const reported = typeof e.details?.code === 'string' ? e.details.code : code;
    if (e.code === 'INVALID_BARCODE') return { status: 'invalid', code: reported, error: { code: 'INVALID_BARCODE', message: e.message } };
    if (e.code === 'NOT_FOUND' && e.details?.quickAdd === true) {
      const scale = isScaleLabel(ctx, reported);
      const message = scale
        ? `No weighed or priced item has the reference in ${reported}. Set it up by its PLU in the back office.`
        : e.message;
      return { status: 'unknown', code: reported, message, canQuickAdd: !scale };
    }
    return { status: 'refused', code, error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) } };
  }
}
