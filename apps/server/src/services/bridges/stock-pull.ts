import type { BridgeMatch } from '@makeries/shared';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { posConnections, posEntityMap, vendors } from '../../db/schema/index';
import type { Env } from '../../env';
import type { ApplyTarget } from './catalog-apply';
import { callPos } from './connections';
import { applyObservations } from './observe';

export async function applyTarget(db: Db, connectionId: string, match: BridgeMatch): Promise<ApplyTarget & { locationExtId: string | null }> {
  const [c] = await db
    .select({ vendorId: posConnections.vendorId, provider: posConnections.provider, currency: posConnections.currency, taxMode: vendors.taxMode, locationExtId: posConnections.locationExtId })
    .from(posConnections)
    .innerJoin(vendors, eq(vendors.id, posConnections.vendorId))
    .where(eq(posConnections.id, connectionId));
  if (!c) throw new Error('The point-of-sale connection is gone.');
  return { connectionId, vendorId: c.vendorId, provider: c.provider, currency: c.currency, taxMode: c.taxMode, match, locationExtId: c.locationExtId };
}

/** Reads the POS's counts of every bridged variant and takes them under the stock rule. */
export async function pullAllStock(db: Db, env: Env, connectionId: string, now: Date): Promise<number> {
  const mapped = await db
    .select({ extId: posEntityMap.extId })
    .from(posEntityMap)
    .where(and(eq(posEntityMap.connectionId, connectionId), eq(posEntityMap.entity, 'variant')));
  if (mapped.length === 0) return 0;
  const t = await applyTarget(db, connectionId, 'none');
  const obs = await callPos(
    db,
    env,
    connectionId,
    (conn, connector) =>
      connector.stock(
        conn,
        mapped.map((m) => m.extId),
      ),
    now,
  );
  return applyObservations(db, t, obs);
}

