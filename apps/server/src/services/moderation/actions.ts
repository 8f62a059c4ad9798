import { AppError, auditTargetType, type ContentActionResult, type ContentDismissInput, type ContentHideInput, type ContentRestoreInput, type ReportKind } from '@makeries/shared';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { contentReports } from '../../db/schema/index';
import { recordAudit, type OperatorCtx } from '../operators/audit';
import { notifyChange } from '../sync/notifier';
import { queueContentNotice } from './notice-email';
import { openReportCount } from './queue';
import { loadTarget, notFoundTarget, setHidden } from './targets';

const NOUN: Record<ReportKind, string> = { product: 'product', shop: 'shop', review: 'review', message: 'message' };

/** Closes the item's open reports (all, or `ids` of them) as `status`; returns how many it closed. */
async function closeReports(tx: DbOrTx, who: OperatorCtx, kind: ReportKind, id: string, status: 'dismissed' | 'actioned', reason: string, ids?: string[]): Promise<string[]> {
  const rows = await tx
    .update(contentReports)
    .set({ status, resolvedAt: new Date(), resolvedBy: who.operatorId, resolution: reason })
    .where(and(eq(contentReports.kind, kind), eq(contentReports.targetId, id), eq(contentReports.status, 'open'), ids ? inArray(contentReports.id, ids) : undefined))
    .returning({ id: contentReports.id });
  return rows.map((r) => r.id);
}

/**
 * Hides a product or review from the storefront (search, shop and product pages, home, cart and checkout; a
 * review leaves the lists and the rating), closes its open reports as acted on, tells the shop by email, and
 * drops the cached pages that show it — one transaction with its audit row. The shop's counter keeps the product.
 */
export async function hideContent(db: Db, who: OperatorCtx, input: ContentHideInput): Promise<ContentActionResult> {
  return db.transaction(async (tx) => {
    const target = await loadTarget(tx, input.kind, input.id, true);
    if (!target) throw notFoundTarget(input.kind);
    if (target.hidden) throw new AppError('CONFLICT', `This ${NOUN[input.kind]} is already hidden. Restore it first if you meant to change the reason.`);
    await setHidden(tx, input.kind, input.id, true);
    const closed = await closeReports(tx, who, input.kind, input.id, 'actioned', input.reason);
    await recordAudit(tx, who, {
      action: 'content.hide',
      targetType: auditTargetType(input.kind),
      targetId: input.id,
      before: { hidden: false, openReports: closed.length },
      after: { hidden: true, openReports: 0, closedReports: closed },
      reason: input.reason,
    });
    await queueContentNotice(tx, target, 'hidden', input.reason);
    await notifyChange(tx, target.vendorId);
    return { kind: input.kind, id: input.id, hidden: true, closedReports: closed.length };
  });
}

/** Puts a hidden product or review back on the storefront; the shop is told. Refused when it is not hidden. */
export async function restoreContent(db: Db, who: OperatorCtx, input: ContentRestoreInput): Promise<ContentActionResult> {
  return db.transaction(async (tx) => {
    const target = await loadTarget(tx, input.kind, input.id, true);
    if (!target) throw notFoundTarget(input.kind);
    if (!target.hidden) throw new AppError('CONFLICT', `This ${NOUN[input.kind]} is not hidden, so there is nothing to restore.`);
    await setHidden(tx, input.kind, input.id, false);
    await recordAudit(tx, who, {
      action: 'content.restore',
      targetType: auditTargetType(input.kind),
      targetId: input.id,
      before: { hidden: true },
      after: { hidden: false },
      reason: input.reason,
    });
    await queueContentNotice(tx, target, 'restored', input.reason);
    await notifyChange(tx, target.vendorId);
    return { kind: input.kind, id: input.id, hidden: false, closedReports: 0 };
  });
}

/** Closes open reports of an item without changing it (all of them, or the ones named). Nothing is sent to the shop. */
export async function dismissReports(db: Db, who: OperatorCtx, input: ContentDismissInput): Promise<ContentActionResult> {
  return db.transaction(async (tx) => {
    const target = await loadTarget(tx, input.kind, input.id, true);
    if (!target) throw notFoundTarget(input.kind);
    const ids = input.reportIds ? [...new Set(input.reportIds)] : undefined;
    const closed = await closeReports(tx, who, input.kind, input.id, 'dismissed', input.reason, ids);
    if (closed.length === 0) throw new AppError('CONFLICT', `This ${NOUN[input.kind]} has no open reports${ids ? ' among those' : ''}: they were already dismissed or acted on. Reload the page.`);
    if (ids && closed.length !== ids.length) {
      throw new AppError('CONFLICT', `${ids.length - closed.length} of these reports are not open reports of this ${NOUN[input.kind]} (already closed, or another item’s). Reload the page and try again.`);
    }
    const remaining = await openReportCount(tx, input.kind, input.id);
    await recordAudit(tx, who, {
      action: 'content.dismiss',
      targetType: auditTargetType(input.kind),
      targetId: input.id,
      before: { openReports: closed.length + remaining },
      after: { dismissedReports: closed, openReports: remaining },
      reason: input.reason,
    });
    return { kind: input.kind, id: input.id, hidden: target.hidden, closedReports: closed.length };
  });
}
