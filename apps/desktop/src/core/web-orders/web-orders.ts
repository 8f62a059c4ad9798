import { asc, desc, eq, inArray } from 'drizzle-orm';
import {
  AppError,
  canTransition,
  nextStatuses,
  orderStatusSchema,
  transitionOrderInput,
  uuidv7,
  type OrderStatus,
  type TransitionOrderInput,
} from '@makeries/shared';
import { z } from 'zod';
import { isoAt, type CoreContext } from '../context';
import { writeTx, type CounterDb } from '../db/open';
import { mirrorWebOrderLines, mirrorWebOrders } from '../db/schema/index';
import { requirePaired } from '../device/device';
import { conflict, notFound, parseInput } from '../errors';
import { enqueue } from '../outbox/outbox';
import { logActivity } from '../staff/activity';
import { requireStaff } from '../staff/auth';

export type WebOrderRow = typeof mirrorWebOrders.$inferSelect;
export interface WebOrderView extends WebOrderRow {
  lines: (typeof mirrorWebOrderLines.$inferSelect)[];
  /** moves staff may make now */
  next: OrderStatus[];
  /** a queued transition the server has not confirmed yet */
  pendingSync: boolean;
}

const listInput = z
  .object({ status: z.array(orderStatusSchema).min(1).optional(), limit: z.number().int().min(1).max(200).default(100) })
  .default({ limit: 100 });

function view(db: CounterDb, o: WebOrderRow): WebOrderView {
  const lines = db.select().from(mirrorWebOrderLines).where(eq(mirrorWebOrderLines.orderId, o.id)).orderBy(asc(mirrorWebOrderLines.lineNo)).all();
  return { ...o, lines, next: nextStatuses(o.status, 'vendor', o.fulfilment), pendingSync: o.status !== o.serverStatus };
}

function load(db: CounterDb, orderId: string): WebOrderRow {
  const o = db.select().from(mirrorWebOrders).where(eq(mirrorWebOrders.id, orderId)).get();
  if (!o) throw notFound('That web order is not on this counter yet. It will appear after the next sync.');
  return o;
}

export function createWebOrderModule(ctx: CoreContext) {
  return {
    list(input?: z.input<typeof listInput>): WebOrderView[] {
      const p = parseInput(listInput, input);
      requireStaff(ctx);
      const q = ctx.db.select().from(mirrorWebOrders);
      const rows = (p.status ? q.where(inArray(mirrorWebOrders.status, p.status)) : q).orderBy(desc(mirrorWebOrders.placedAt)).limit(p.limit).all();
      return rows.map((o) => view(ctx.db, o));
    },

    byId(orderId: string): WebOrderView {
      requireStaff(ctx);
      return view(ctx.db, load(ctx.db, parseInput(z.uuid(), orderId)));
    },

    /**
     * Accept/reject/advance a web order, offline too: checked locally with the shared state machine, applied
     * to the mirror at once, and queued as 'order.transition' {from, to}. The server applies it only if the
     * order is still in `from`; otherwise it comes back as a rejection to resolve (DESIGN §3).
     */
    transition(input: TransitionOrderInput): WebOrderView {
      const p = parseInput(transitionOrderInput, input);
      const staff = requireStaff(ctx);
      requirePaired(ctx.db);
      const now = ctx.now();
      return writeTx(ctx.db, () => {
        const order = load(ctx.db, p.orderId);
        if (p.from && p.from !== order.status) {
          throw conflict(`Order ${order.number} is now ${order.status}, not ${p.from}. Refresh and try again.`);
        }
        if (!canTransition(order.status, p.to, 'vendor', order.fulfilment)) {
          throw new AppError('ILLEGAL_TRANSITION', `Order ${order.number} cannot go from ${order.status} to ${p.to}.`, {
            details: { from: order.status, to: p.to, allowed: nextStatuses(order.status, 'vendor', order.fulfilment) },
          });
        }
        enqueue(ctx.db, now, 'order.transition', {
          id: uuidv7(now),
          orderId: order.id,
          from: order.status,
          to: p.to,
          ...(p.reason ? { reason: p.reason } : {}),
          ...(p.prepMinutes !== undefined ? { prepMinutes: p.prepMinutes } : {}),
          staffId: staff.staffId,
          occurredAt: isoAt(now),
        });
        ctx.db.update(mirrorWebOrders)
          .set({
            status: p.to,
            ...(p.prepMinutes !== undefined ? { prepMinutes: p.prepMinutes } : {}),
            ...(p.reason ? { statusReason: p.reason } : {}),
          })
          .where(eq(mirrorWebOrders.id, order.id))
          .run();
        logActivity(ctx.db, now, staff.staffId, 'order_transition', { orderId: order.id, number: order.number, from: order.status, to: p.to });
        return view(ctx.db, load(ctx.db, order.id));
      });
    },
  };
}

export type WebOrderModule = ReturnType<typeof createWebOrderModule>;
