import { loyaltyProgrammeSchema, type LoyaltyProgramme } from '@makeries/shared';
import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { loyaltyProgrammes } from '../../db/schema/index';

type Row = typeof loyaltyProgrammes.$inferSelect;

/** The row as the shared programme type; a shop without a row has no programme. */
export function programmeOf(row: Row | undefined): LoyaltyProgramme {
  if (!row || row.kind === 'off') return { kind: 'off' };
  if (row.kind === 'stamps') {
    return { kind: 'stamps', minOrderCents: row.minOrderCents, stampsForReward: row.stampsForReward, rewardCents: row.rewardCents, rewardName: row.rewardName };
  }
  return { kind: 'points', pointsPerPound: row.pointsPerPound, pointsPerPoundOff: row.pointsPerPoundOff };
}

export async function loyaltyProgrammeOf(db: DbOrTx, vendorId: string): Promise<LoyaltyProgramme> {
  const [row] = await db.select().from(loyaltyProgrammes).where(eq(loyaltyProgrammes.vendorId, vendorId));
  return programmeOf(row);
}

export async function loyaltyProgrammesOf(db: DbOrTx, vendorIds: readonly string[]): Promise<Map<string, LoyaltyProgramme>> {
  const out = new Map<string, LoyaltyProgramme>(vendorIds.map((id) => [id, { kind: 'off' }]));
  if (vendorIds.length === 0) return out;
  const rows = await db.select().from(loyaltyProgrammes).where(inArray(loyaltyProgrammes.vendorId, [...vendorIds]));
  for (const r of rows) out.set(r.vendorId, programmeOf(r));
  return out;
}

/**
 * The owner or a manager sets the shop's programme. Only the chosen kind's settings change; the other kind's are
 * kept so switching back restores them. Balances are per scheme, so switching never converts stamps into points.
 */
export async function setLoyaltyProgramme(db: DbOrTx, vendorId: string, input: LoyaltyProgramme): Promise<LoyaltyProgramme> {
  const p = loyaltyProgrammeSchema.parse(input);
  const values: Partial<typeof loyaltyProgrammes.$inferInsert> =
    p.kind === 'stamps'
      ? { kind: 'stamps', minOrderCents: p.minOrderCents, stampsForReward: p.stampsForReward, rewardCents: p.rewardCents, rewardName: p.rewardName }
      : p.kind === 'points'
        ? { kind: 'points', pointsPerPound: p.pointsPerPound, pointsPerPoundOff: p.pointsPerPoundOff }
        : { kind: 'off' };
  const [row] = await db
    .insert(loyaltyProgrammes)
    .values({ vendorId, ...values })
    .onConflictDoUpdate({ target: loyaltyProgrammes.vendorId, set: { ...values, updatedAt: new Date() } })
    .returning();
  return programmeOf(row);
}
