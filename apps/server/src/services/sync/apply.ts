import {
  AppError,
  MUTATION_ARGS,
  saleCompleteArgs,
  type MutationArgs,
  type MutationEnvelope,
  type MutationName,
  type SaleCompleteArgs,
} from '@makeries/shared';
import type { Tx } from '../../db/client';
import { applyCatalogCategorySave } from './handlers/catalog-category';
import { applyCatalogProductCreate, applyCatalogProductUpdate } from './handlers/catalog-product';
import { resendRejectedCatalogEdit } from './handlers/catalog-resend';
import { applyCatalogTaxRateSave } from './handlers/catalog-tax-rate';
import { applyOrderMessage } from './handlers/order-message';
import { applyOrderTransition } from './handlers/order-transition';
import { applyProductQuickAdd } from './handlers/product-quick-add';
import { applyReceiptEmail } from './handlers/receipt-email';
import { applySaleComplete, applySales } from './handlers/sale-complete';
import { applySaleRefund } from './handlers/sale-refund';
import { applyShiftEvent } from './handlers/shift-event';
import { applyStockMovement } from './handlers/stock-movement';
import { applyVendorPause, applyVendorSettings } from './handlers/vendor-settings';
import { businessRejection, zodRejection, type Rejection } from './rejection';
import type { ApplyScope } from './scope';

type Handler<N extends MutationName> = (tx: Tx, scope: ApplyScope, args: MutationArgs<N>) => Promise<void>;

const HANDLERS: { [N in MutationName]: Handler<N> } = {
  'sale.complete': applySaleComplete,
  'sale.refund': applySaleRefund,
  'shift.event': applyShiftEvent,
  'stock.movement': applyStockMovement,
  'order.transition': applyOrderTransition,
  'product.quickAdd': applyProductQuickAdd,
  'vendor.settings': applyVendorSettings,
  'vendor.pause': applyVendorPause,
  'receipt.email': applyReceiptEmail,
  'catalog.productCreate': applyCatalogProductCreate,
  'catalog.productUpdate': applyCatalogProductUpdate,
  'catalog.categorySave': applyCatalogCategorySave,
  'catalog.taxRateSave': applyCatalogTaxRateSave,
  'order.message': applyOrderMessage,
};

/** argsVersion this server understands, per mutation name. */
const SUPPORTED_ARGS_VERSION = 1;

export type Outcome = { status: 'applied' } | ({ status: 'rejected' } & Rejection);

// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- N ties HANDLERS[name] to its args type inside the body (a correlated union); `name: MutationName` would make the call need every handler's args at once
function handle<N extends MutationName>(tx: Tx, scope: ApplyScope, name: N, args: unknown): Promise<void> {
  return HANDLERS[name](tx, scope, args as MutationArgs<N>);
}

function checkVersion(m: MutationEnvelope): void {
  if (m.argsVersion === SUPPORTED_ARGS_VERSION) return;
  // rejecting would lose a sale the server merely cannot read yet; refusing the batch keeps it queued
  throw new AppError(
    'CONFLICT',
    `This counter sends ${m.name} in format v${m.argsVersion}, which this marketplace server does not know yet. ` +
      'Everything stays queued on the counter and uploads once the server is updated.',
    { details: { mutationId: m.mutationId, argsVersion: m.argsVersion } },
  );
}

/**
 * Applies one mutation inside a savepoint: a business rejection rolls back only this mutation and is reported;
 * anything else propagates and rolls back the whole batch (the counter retries it later).
 */
async function applyMutation(tx: Tx, scope: ApplyScope, m: MutationEnvelope): Promise<Outcome> {
  checkVersion(m);
  const parsed = MUTATION_ARGS[m.name].safeParse(m.args);
  if (!parsed.success) return { status: 'rejected', ...zodRejection(parsed.error) };
  try {
    await tx.transaction((sp) => handle(sp, scope, m.name, parsed.data));
    return { status: 'applied' };
  } catch (e) {
    const rejection = businessRejection(e);
    if (!rejection) throw e;
    await resendRejectedCatalogEdit(tx, scope, { name: m.name, args: parsed.data } as Parameters<typeof resendRejectedCatalogEdit>[2]);
    return { status: 'rejected', ...rejection };
  }
}

/** The next run of consecutive, well-formed sales starting at `from` (they touch nothing but their own rows and stock). */
function saleRun(ms: readonly MutationEnvelope[], from: number): SaleCompleteArgs[] {
  const run: SaleCompleteArgs[] = [];
  for (let i = from; i < ms.length; i++) {
    const m = ms[i];
    if (!m || m.name !== 'sale.complete' || m.argsVersion !== SUPPORTED_ARGS_VERSION) break;
    const parsed = saleCompleteArgs.safeParse(m.args);
    if (!parsed.success) break;
    run.push(parsed.data);
  }
  return run;
}

/**
 * Applies new mutations in order and returns one outcome each. A run of sales (the bulk of an offline queue) is
 * first tried as a group in one savepoint; if anything in the group fails, the savepoint is rolled back and the
 * run is replayed one savepoint per sale, so outcomes are exactly those of applying each on its own.
 */
export async function applyAll(tx: Tx, scope: ApplyScope, ms: readonly MutationEnvelope[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let i = 0;
  while (i < ms.length) {
    const run = saleRun(ms, i);
    if (run.length > 1) {
      const grouped = await tx.transaction((sp) => applySales(sp, scope, run)).then(
        () => true,
        () => false,
      );
      if (grouped) {
        for (let k = 0; k < run.length; k++) outcomes.push({ status: 'applied' });
        i += run.length;
        continue;
      }
      for (const m of ms.slice(i, i + run.length)) outcomes.push(await applyMutation(tx, scope, m));
      i += run.length;
      continue;
    }
    const m = ms[i];
    if (m) outcomes.push(await applyMutation(tx, scope, m));
    i++;
  }
  return outcomes;
}
