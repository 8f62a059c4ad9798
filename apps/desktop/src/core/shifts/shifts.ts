import { desc, eq } from 'drizzle-orm';
import { countedCents, overShortCents, uuidv7, type ShiftEventArgs } from '@makeries/shared';
import { isoAt, type CoreContext } from '../context';
import { writeTx, type CounterDb } from '../db/open';
import { shiftEvents, shifts } from '../db/schema/index';
import { readDevice, requirePaired } from '../device/device';
import { conflict, notFound, parseInput } from '../errors';
import { enqueue } from '../outbox/outbox';
import { cashMoveInput, closeShiftInput, noSaleInput, openShiftInput, type CashMoveInput, type CloseShiftInput, type OpenShiftInput } from '../schemas/shift';
import { logActivity } from '../staff/activity';
import { requireStaff } from '../staff/auth';
import { reportForStaff, type ShiftReportView } from './blind-close';
import { shiftReport, type ShiftReport } from './report';
import { openShift, requireOpenShift, type ShiftRow } from './store';

type EventKind = ShiftEventArgs['kind'];

/** One shift event: local row + 'shift.event' outbox row, in the caller's transaction. */
function recordEvent(db: CounterDb, nowMs: number, args: Omit<ShiftEventArgs, 'id' | 'occurredAt'>): string {
  const full: ShiftEventArgs = { ...args, id: uuidv7(nowMs), occurredAt: isoAt(nowMs) };
  const queued = enqueue(db, nowMs, 'shift.event', full);
  db.insert(shiftEvents)
    .values({
      id: full.id,
      shiftId: full.shiftId,
      kind: full.kind,
      staffId: full.staffId,
      amountCents: full.amountCents,
      reason: full.reason,
      occurredAt: full.occurredAt,
      outboxId: queued.id,
    })
    .run();
  return full.id;
}


export function createShiftModule(ctx: CoreContext) {
  const cashMove = (kind: Extract<EventKind, 'paid_in' | 'paid_out'>, input: CashMoveInput): ShiftReport => {
    const p = parseInput(cashMoveInput, input);
    const staff = requireStaff(ctx);
    const { registerCode } = requirePaired(ctx.db);
    const now = ctx.now();
    return writeTx(ctx.db, () => {
      const shift = requireOpenShift(ctx.db, registerCode);
      recordEvent(ctx.db, now, { shiftId: shift.id, kind, staffId: staff.staffId, amountCents: p.amountCents, reason: p.reason });
      logActivity(ctx.db, now, staff.staffId, kind, { shiftId: shift.id, amountCents: p.amountCents, reason: p.reason });
      return shiftReport(ctx.db, shift);
    });
  };

  return {
    current(): ShiftRow | null {
      const dev = readDevice(ctx.db);
      return dev.registerCode ? (openShift(ctx.db, dev.registerCode) ?? null) : null;
    },

    open(input: OpenShiftInput): ShiftReport {
      const p = parseInput(openShiftInput, input);
      const staff = requireStaff(ctx);
      const { registerCode } = requirePaired(ctx.db);
      const now = ctx.now();
      return writeTx(ctx.db, () => {
        if (openShift(ctx.db, registerCode)) throw conflict('A shift is already open on this register. Close it first.');
        const id = uuidv7(now);
        ctx.db.insert(shifts).values({ id, registerCode, status: 'open', openedBy: staff.staffId, openedAt: isoAt(now), floatCents: p.floatCents }).run();
        recordEvent(ctx.db, now, { shiftId: id, kind: 'open', staffId: staff.staffId, amountCents: p.floatCents, reason: '' });
        logActivity(ctx.db, now, staff.staffId, 'shift_open', { shiftId: id, floatCents: p.floatCents });
        return shiftReport(ctx.db, requireOpenShift(ctx.db, registerCode));
      });
    },

    paidIn: (input: CashMoveInput): ShiftReport => cashMove('paid_in', input),
    paidOut: (input: CashMoveInput): ShiftReport => cashMove('paid_out', input),

    /** Opens the drawer without a sale; always recorded (who, when, why) because it is how cash goes missing. */
    noSale(input: { reason?: string } = {}): { eventId: string } {
      const p = parseInput(noSaleInput, input);
      const staff = requireStaff(ctx);
      const { registerCode } = requirePaired(ctx.db);
      const now = ctx.now();
      return writeTx(ctx.db, () => {
        const shift = requireOpenShift(ctx.db, registerCode);
        const eventId = recordEvent(ctx.db, now, { shiftId: shift.id, kind: 'no_sale', staffId: staff.staffId, amountCents: 0, reason: p.reason });
        logActivity(ctx.db, now, staff.staffId, 'no_sale', { shiftId: shift.id, reason: p.reason });
        return { eventId };
      });
    },

    /** X report: the open shift so far; nothing changes. */
    xReport(): ShiftReport {
      requireStaff(ctx);
      const { registerCode } = requirePaired(ctx.db);
      return shiftReport(ctx.db, requireOpenShift(ctx.db, registerCode));
    },

    /** Counts the drawer, records expected vs counted (over/short) and closes: the Z report. */
    close(input: CloseShiftInput): ShiftReport {
      const p = parseInput(closeShiftInput, input);
      const staff = requireStaff(ctx);
      const { registerCode } = requirePaired(ctx.db);
      const now = ctx.now();
      return writeTx(ctx.db, () => {
        const shift = requireOpenShift(ctx.db, registerCode);
        const expected = shiftReport(ctx.db, shift).cash.expectedCents;
        const counted = countedCents(p.counted);
        recordEvent(ctx.db, now, {
          shiftId: shift.id,
          kind: 'close',
          staffId: staff.staffId,
          amountCents: overShortCents(counted, expected),
          reason: '',
          counted: p.counted,
          expectedCashCents: expected,
          countedCashCents: counted,
        });
        ctx.db.update(shifts)
          .set({ status: 'closed', closedBy: staff.staffId, closedAt: isoAt(now), counted: p.counted, expectedCashCents: expected, countedCashCents: counted })
          .where(eq(shifts.id, shift.id))
          .run();
        logActivity(ctx.db, now, staff.staffId, 'shift_close', { shiftId: shift.id, expected, counted, overShort: overShortCents(counted, expected) });
        const closed = ctx.db.select().from(shifts).where(eq(shifts.id, shift.id)).get();
        if (!closed) throw notFound('The shift disappeared while closing.');
        return shiftReport(ctx.db, closed);
      });
    },

    /** What staff may see of a report: blind close withholds an open shift's expected cash (blind-close.ts). */
    forStaff: (report: ShiftReport): ShiftReportView => reportForStaff(ctx.db, report),

    report(shiftId: string): ShiftReport {
      requireStaff(ctx);
      const s = ctx.db.select().from(shifts).where(eq(shifts.id, shiftId)).get();
      if (!s) throw notFound('No shift with that id at this counter.');
      return shiftReport(ctx.db, s);
    },

    history(limit = 30): ShiftRow[] {
      requireStaff(ctx);
      return ctx.db.select().from(shifts).orderBy(desc(shifts.openedAt)).limit(limit).all();
    },
  };
}

export type ShiftModule = ReturnType<typeof createShiftModule>;
