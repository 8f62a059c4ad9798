import { AppError, type ShiftEventArgs } from '@makeries/shared';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../../db/client';
import { shiftEvents, shifts } from '../../../db/schema/index';
import { requireStaff, type ApplyScope } from '../scope';

type ShiftRow = typeof shifts.$inferSelect;

async function openShift(tx: Tx, scope: ApplyScope, a: ShiftEventArgs): Promise<void> {
  const [created] = await tx
    .insert(shifts)
    .values({
      id: a.shiftId,
      vendorId: scope.vendorId,
      deviceId: scope.deviceId,
      status: 'open',
      openedBy: a.staffId,
      openedAt: new Date(a.occurredAt),
      floatCents: a.amountCents,
    })
    .onConflictDoNothing({ target: shifts.id })
    .returning({ id: shifts.id });
  if (!created) throw new AppError('CONFLICT', 'This shift was already opened.');
}

async function lockShift(tx: Tx, scope: ApplyScope, shiftId: string): Promise<ShiftRow> {
  const [shift] = await tx
    .select()
    .from(shifts)
    .where(and(eq(shifts.id, shiftId), eq(shifts.vendorId, scope.vendorId)))
    .for('update');
  if (!shift) throw new AppError('NOT_FOUND', 'This shift was never opened on the server.');
  if (shift.status === 'closed') throw new AppError('CONFLICT', 'This shift is already closed.');
  return shift;
}

async function closeShift(tx: Tx, shift: ShiftRow, a: ShiftEventArgs): Promise<void> {
  const expected = a.expectedCashCents ?? null;
  const counted = a.countedCashCents ?? null;
  await tx
    .update(shifts)
    .set({
      status: 'closed',
      closedBy: a.staffId,
      closedAt: new Date(a.occurredAt),
      expectedCashCents: expected,
      countedCashCents: counted,
      overShortCents: expected !== null && counted !== null ? counted - expected : null,
      counted: a.counted ?? null,
      updatedAt: new Date(),
    })
    .where(eq(shifts.id, shift.id));
}

/**
 * Shift open, paid in/out, no-sale and close, idempotent on the event id. Events arrive in the counter's
 * order, so an event for a shift the server never saw open (its open was rejected) is rejected too.
 */
export async function applyShiftEvent(tx: Tx, scope: ApplyScope, a: ShiftEventArgs): Promise<void> {
  const [seen] = await tx.select({ vendorId: shiftEvents.vendorId }).from(shiftEvents).where(eq(shiftEvents.id, a.id));
  if (seen) {
    if (seen.vendorId !== scope.vendorId) throw new AppError('CONFLICT', 'This shift event id is already used on the server.');
    return;
  }
  requireStaff(scope, a.staffId);
  if (a.kind === 'open') await openShift(tx, scope, a);
  else {
    const shift = await lockShift(tx, scope, a.shiftId);
    if (a.kind === 'close') await closeShift(tx, shift, a);
  }
  await tx.insert(shiftEvents).values({
    id: a.id,
    shiftId: a.shiftId,
    vendorId: scope.vendorId,
    deviceId: scope.deviceId,
    kind: a.kind,
    staffId: a.staffId,
    amountCents: a.amountCents,
    reason: a.reason,
    counted: a.counted ?? null,
    expectedCashCents: a.expectedCashCents ?? null,
    countedCashCents: a.countedCashCents ?? null,
    occurredAt: new Date(a.occurredAt),
  });
}
