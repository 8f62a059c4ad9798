import type { CreateMarketplacePromoInput, PromoView, UpdatePromoInput } from '@makeries/shared';
import type { Db } from '../../db/client';
import { recordAudit, type OperatorCtx } from '../operators/audit';
import { createMarketplacePromo, updatePromo } from './manage';

/** The operator's marketplace codes: every change in one transaction with its audit row. */
export async function createMarketplacePromoAudited(db: Db, who: OperatorCtx, input: CreateMarketplacePromoInput): Promise<PromoView> {
  return db.transaction(async (tx) => {
    const created = await createMarketplacePromo(tx, who.operatorId, input);
    await recordAudit(tx, who, { action: 'promo.create', targetType: 'promo', targetId: created.id, after: { ...created } });
    return created;
  });
}

export async function updateMarketplacePromoAudited(db: Db, who: OperatorCtx, input: UpdatePromoInput): Promise<PromoView> {
  return db.transaction(async (tx) => {
    const { before, after } = await updatePromo(tx, { kind: 'marketplace' }, input);
    const action = input.active === false ? 'promo.deactivate' : 'promo.update';
    await recordAudit(tx, who, { action, targetType: 'promo', targetId: after.id, before: { ...before }, after: { ...after } });
    return after;
  });
}
