import { loyaltyEarned, loyaltyProgrammeSchema, saleLoyaltySchema, type LoyaltyCounterCustomer, type LoyaltyProgramme } from '@makeries/shared';
import { eq } from 'drizzle-orm';
import type { CoreContext } from '../context';
import { isoAt } from '../context';
import { loyaltyCards } from '../db/schema/index';

export interface CounterCard {
  customer: { id: string; name: string; email: string; phone: string; known: boolean };
  programme: LoyaltyProgramme;
  /** the balance the server last gave */
  syncedUnits: number;
  /** what this counter's sales since then did to it (redeemed −, expected earning +) */
  pendingUnits: number;
  /** syncedUnits + pendingUnits: what the till shows */
  units: number;
  checkedAt: string;
}

type CardRow = typeof loyaltyCards.$inferSelect;

/** The last outbox row the server answered: a balance fetched now includes every sale up to it. */
function answeredUpTo(ctx: CoreContext): number {
  const row = ctx.sqlite.prepare(`SELECT coalesce(max(mutation_id), 0) AS m FROM outbox WHERE status <> 'pending'`).get() as { m: number };
  return row.m;
}

/** Caches what the server said about a customer's card (online look-ups and balance checks). */
export function rememberCard(ctx: CoreContext, found: LoyaltyCounterCustomer): CounterCard {
  const values = {
    customerId: found.customer.id,
    name: found.customer.name,
    email: found.customer.email,
    phone: found.customer.phone,
    known: found.customer.known,
    programme: JSON.stringify(found.programme),
    units: found.units,
    asOfMutation: answeredUpTo(ctx),
    checkedAt: isoAt(ctx.now()),
  };
  ctx.db.insert(loyaltyCards).values(values).onConflictDoUpdate({ target: loyaltyCards.customerId, set: values }).run();
  const card = cardOf(ctx, found.customer.id);
  if (!card) throw new Error('The loyalty card was not stored.');
  return card;
}

/**
 * This counter's sales after the cached balance, for that customer: each one's redemption off and its expected
 * earning on (the server's own rule, shared), until the server's balance replaces the guess.
 */
function pendingFor(ctx: CoreContext, row: CardRow, programme: LoyaltyProgramme): number {
  const rows = ctx.sqlite
    .prepare(`SELECT args FROM outbox WHERE name = 'sale.complete' AND mutation_id > ? AND json_extract(args, '$.customerId') = ?`)
    .all(row.asOfMutation, row.customerId) as { args: string }[];
  let delta = 0;
  for (const r of rows) {
    const a = JSON.parse(r.args) as { totalCents: number; roundingCents: number; loyalty?: unknown };
    const redeemed = saleLoyaltySchema.safeParse(a.loyalty);
    if (redeemed.success && programme.kind === redeemed.data.scheme) delta -= redeemed.data.units;
    delta += loyaltyEarned(programme, a.totalCents - a.roundingCents);
  }
  return delta;
}

export function cardOf(ctx: CoreContext, customerId: string): CounterCard | null {
  const row = ctx.db.select().from(loyaltyCards).where(eq(loyaltyCards.customerId, customerId)).get();
  return row ? toCard(ctx, row) : null;
}

function toCard(ctx: CoreContext, row: CardRow): CounterCard {
  const parsed = loyaltyProgrammeSchema.safeParse(JSON.parse(row.programme));
  const programme: LoyaltyProgramme = parsed.success ? parsed.data : { kind: 'off' };
  const pending = programme.kind === 'off' ? 0 : pendingFor(ctx, row, programme);
  return {
    customer: { id: row.customerId, name: row.name, email: row.email, phone: row.phone, known: row.known },
    programme,
    syncedUnits: row.units,
    pendingUnits: pending,
    units: row.units + pending,
    checkedAt: row.checkedAt,
  };
}

/**
 * Offline: a customer this counter looked up before, by exact phone digits or email, or by the id in a scanned
 * card code (the signature is the server's to check; offline a code only finds a card this till already knows).
 */
export function findCachedCard(ctx: CoreContext, query: string): CounterCard | null {
  const q = query.trim();
  const qr = /^MKL1\.([0-9a-f-]{36})\./.exec(q);
  if (qr?.[1]) return cardOf(ctx, qr[1]);
  const digits = q.replace(/\D/g, '');
  const rows = ctx.db.select().from(loyaltyCards).all();
  const hit = q.includes('@')
    ? rows.find((r) => r.email.toLowerCase() === q.toLowerCase())
    : digits.length >= 6
      ? rows.find((r) => r.phone.replace(/\D/g, '') === digits)
      : undefined;
  return hit ? toCard(ctx, hit) : null;
}
