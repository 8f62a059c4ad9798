import type { ChangeEntity, MutationArgs, MutationName } from '@makeries/shared';
import type { Tx } from '../../../db/client';
import { changeLog } from '../../../db/schema/index';
import type { ApplyScope } from '../scope';

type Named = { [N in MutationName]: { name: N; args: MutationArgs<N> } }[MutationName];

/** The entities a catalog edit wrote optimistically into the counter's mirror. */
function touched(m: Named): { entity: ChangeEntity; id: string }[] {
  switch (m.name) {
    case 'catalog.productCreate':
    case 'catalog.productUpdate':
      return [{ entity: 'product', id: m.args.productId }, ...m.args.variants.map((v) => ({ entity: 'variant' as const, id: v.id }))];
    case 'catalog.categorySave':
      return [{ entity: 'category', id: m.args.id }];
    case 'catalog.taxRateSave':
      return [{ entity: 'tax_rate', id: m.args.id }];
    default:
      return [];
  }
}

/**
 * After a rejected catalog edit the counter still shows its optimistic copy. Re-announcing the named entities
 * in the change feed makes every counter pull the server's current row — or a delete when the server never
 * had it (a rejected create) — so the counter converges back. This is the one change_log write outside the
 * triggers: there is no server row to touch for a create that never happened. Rows go to this shop's feed
 * only; the feed loaders still scope every row by vendor.
 */
export async function resendRejectedCatalogEdit(tx: Tx, scope: ApplyScope, m: Named): Promise<void> {
  const rows = touched(m);
  if (rows.length === 0) return;
  await tx.insert(changeLog).values(rows.map((r) => ({ vendorId: scope.vendorId, entity: r.entity, entityId: r.id, op: 'upsert' as const })));
}
