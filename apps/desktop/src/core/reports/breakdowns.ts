import type Database from 'better-sqlite3';
import type { ResolvedRange } from './range';

/*
 * What sold, how it was paid and who sold it, over a report range. Sums are SQL integer sums of stored
 * cents (never floats); rows come back in a fixed order so the screen does not reshuffle between refreshes.
 */

export interface TopProduct {
  variantId: string | null;
  name: string;
  variantName: string;
  sku: string;
  soldBy: 'each' | 'weight';
  /** items, or grams for weighed goods */
  quantity: number;
  revenueCents: number;
  salesCount: number;
}

export function topProducts(sqlite: Database.Database, range: ResolvedRange, limit: number): TopProduct[] {
  const rows = sqlite
    .prepare(
      `SELECT l.variant_id AS variantId, max(l.name) AS name, max(l.variant_name) AS variantName, l.sku AS sku, l.sold_by AS soldBy,
              sum(l.quantity) AS quantity, sum(l.total_cents) AS revenueCents, count(DISTINCT l.sale_id) AS salesCount
       FROM sale_lines l JOIN sales s ON s.id = l.sale_id
       WHERE s.remote = 0 AND s.completed_at >= ? AND s.completed_at < ?
       GROUP BY coalesce(l.variant_id, l.sku), l.sku, l.sold_by
       ORDER BY revenueCents DESC, quantity DESC, name ASC
       LIMIT ?`,
    )
    .all(range.startIso, range.endIso, limit) as TopProduct[];
  return rows.map((r) => ({ ...r, variantName: r.variantName === 'Default' ? '' : r.variantName }));
}

type TenderKind = 'cash' | 'stripe_terminal' | 'external_card';
const TENDER_ORDER: readonly TenderKind[] = ['cash', 'stripe_terminal', 'external_card'];

export interface TenderTotal {
  kind: TenderKind;
  paymentsCount: number;
  /** what was taken (cash includes its rounding) */
  takenCents: number;
  /** what refunds paid back on this tender (cash includes its rounding) */
  refundedCents: number;
  netCents: number;
}

export function tenderTotals(sqlite: Database.Database, range: ResolvedRange): TenderTotal[] {
  const taken = sqlite
    .prepare(
      `SELECT p.kind AS kind, count(*) AS n, sum(p.amount_cents) AS cents
       FROM sale_payments p JOIN sales s ON s.id = p.sale_id
       WHERE s.remote = 0 AND s.completed_at >= ? AND s.completed_at < ? GROUP BY p.kind`,
    )
    .all(range.startIso, range.endIso) as { kind: TenderKind; n: number; cents: number }[];
  const refunded = sqlite
    .prepare(
      `SELECT tender AS kind, sum(total_cents + rounding_cents) AS cents FROM refunds
       WHERE refunded_at >= ? AND refunded_at < ? GROUP BY tender`,
    )
    .all(range.startIso, range.endIso) as { kind: TenderKind; cents: number }[];
  return TENDER_ORDER.map((kind) => {
    const t = taken.find((r) => r.kind === kind);
    const refundedCents = refunded.find((r) => r.kind === kind)?.cents ?? 0;
    const takenCents = t?.cents ?? 0;
    return { kind, paymentsCount: t?.n ?? 0, takenCents, refundedCents, netCents: takenCents - refundedCents };
  });
}

export interface StaffTotal {
  staffId: string;
  /** null when the staff member is no longer on this counter's staff list */
  name: string | null;
  salesCount: number;
  revenueCents: number;
  refundCount: number;
}

export function staffTotals(sqlite: Database.Database, range: ResolvedRange): StaffTotal[] {
  return sqlite
    .prepare(
      `WITH s AS (SELECT staff_id, count(*) AS n, sum(total_cents) AS cents FROM sales
                  WHERE remote = 0 AND completed_at >= @start AND completed_at < @end GROUP BY staff_id),
            r AS (SELECT staff_id, count(*) AS n FROM refunds WHERE refunded_at >= @start AND refunded_at < @end GROUP BY staff_id),
            ids AS (SELECT staff_id FROM s UNION SELECT staff_id FROM r)
       SELECT ids.staff_id AS staffId, m.name AS name, coalesce(s.n, 0) AS salesCount, coalesce(s.cents, 0) AS revenueCents,
              coalesce(r.n, 0) AS refundCount
       FROM ids LEFT JOIN s ON s.staff_id = ids.staff_id LEFT JOIN r ON r.staff_id = ids.staff_id
       LEFT JOIN mirror_staff m ON m.id = ids.staff_id
       ORDER BY revenueCents DESC, salesCount DESC, name ASC`,
    )
    .all({ start: range.startIso, end: range.endIso }) as StaffTotal[];
}

export interface RefundRow {
  id: string;
  number: string;
  saleNumber: string;
  refundedAt: string;
  staffName: string | null;
  approvedByName: string | null;
  reason: string;
  restock: boolean;
  tender: TenderKind;
  /** paid back: refund total plus its cash rounding */
  paidOutCents: number;
}

export function refundList(sqlite: Database.Database, range: ResolvedRange, limit: number): RefundRow[] {
  const rows = sqlite
    .prepare(
      `SELECT r.id AS id, r.number AS number, s.number AS saleNumber, r.refunded_at AS refundedAt, st.name AS staffName,
              ap.name AS approvedByName, r.reason AS reason, r.restock AS restock, r.tender AS tender,
              r.total_cents + r.rounding_cents AS paidOutCents
       FROM refunds r JOIN sales s ON s.id = r.sale_id
       LEFT JOIN mirror_staff st ON st.id = r.staff_id LEFT JOIN mirror_staff ap ON ap.id = r.approved_by
       WHERE r.refunded_at >= ? AND r.refunded_at < ?
       ORDER BY r.refunded_at DESC, r.id DESC LIMIT ?`,
    )
    .all(range.startIso, range.endIso, limit) as (Omit<RefundRow, 'restock'> & { restock: number })[];
  return rows.map((r) => ({ ...r, restock: r.restock === 1 }));
}
