import { uuidSchema } from '@makeries/shared';
import { z } from 'zod';
import type { CoreContext } from '../context';
import { parseInput } from '../errors';

const KINDS = ['sale', 'refund', 'receive', 'adjust', 'count'] as const;
type MovementKind = (typeof KINDS)[number];

export const recentMovementsInput = z
  .object({
    variantId: uuidSchema.optional(),
    kinds: z.array(z.enum(KINDS, { error: 'Movements are sales, refunds, receipts, adjustments or counts' })).min(1).optional(),
    limit: z.number().int('Limits are whole numbers').min(1).max(500).default(100),
  })
  .default({ limit: 100 });
export type RecentMovementsInput = z.input<typeof recentMovementsInput>;

export interface MovementRow {
  id: string;
  kind: MovementKind;
  /** signed change, or the counted level for `count` */
  quantity: number;
  occurredAt: string;
  note: string;
  variantId: string;
  name: string;
  variantName: string;
  sku: string;
  staffName: string | null;
  /** not yet received by the server */
  pendingSync: boolean;
}

/** This counter's stock ledger, newest first, with product and staff names for the screen. */
export function recentMovements(ctx: CoreContext, input: RecentMovementsInput): MovementRow[] {
  const p = parseInput(recentMovementsInput, input);
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (p.variantId) {
    where.push('m.variant_id = ?');
    params.push(p.variantId);
  }
  if (p.kinds) {
    where.push(`m.kind IN (${p.kinds.map(() => '?').join(', ')})`);
    params.push(...p.kinds);
  }
  const rows = ctx.sqlite
    .prepare(
      `SELECT m.id AS id, m.kind AS kind, m.quantity AS quantity, m.occurred_at AS occurredAt, m.note AS note, m.variant_id AS variantId,
              coalesce(pr.name, v.sku, 'Removed product') AS name, coalesce(v.name, '') AS variantName, coalesce(v.sku, '') AS sku,
              st.name AS staffName, o.status = 'pending' AS pendingSync
       FROM stock_movements m
       LEFT JOIN mirror_variants v ON v.id = m.variant_id LEFT JOIN mirror_products pr ON pr.id = v.product_id
       LEFT JOIN mirror_staff st ON st.id = m.staff_id LEFT JOIN outbox o ON o.id = m.outbox_id
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY m.occurred_at DESC, m.id DESC LIMIT ?`,
    )
    .all(...params, p.limit) as (Omit<MovementRow, 'pendingSync'> & { pendingSync: number | null })[];
  return rows.map((r) => ({ ...r, variantName: r.variantName === 'Default' ? '' : r.variantName, pendingSync: r.pendingSync === 1 }));
}
