import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCounterCore, type CounterCore } from '../index';
import { syncProofs } from '../staff/proofs';
import { createSyncClient } from '../sync/client';
import { createCredentialStore } from '../sync/credentials';
import { serverClient } from '../sync/test-kit';
import type { SyncController } from '../sync/types';

/**
 * A counter replica whose sync can be cut off: `partition()` swaps its client for one pointed at a port
 * nobody listens on (so it keeps failing and backing off, like a till whose cable was pulled), `heal()`
 * swaps the real one back. The replica's data dir, outbox and device token stay the same throughout.
 */
export class Replica {
  readonly core: CounterCore;
  sync: SyncController;
  partitioned = false;

  constructor(
    readonly dir: string,
    private readonly serverUrl: string,
    private readonly deadUrl: string,
  ) {
    this.core = createCounterCore({ dataDir: dir });
    this.sync = createSyncClient({ core: this.core, serverUrl });
  }

  static create(serverUrl: string, deadUrl: string): Replica {
    return new Replica(mkdtempSync(join(tmpdir(), 'counter-conv-')), serverUrl, deadUrl);
  }

  async partition(): Promise<void> {
    if (this.partitioned) return;
    await this.sync.stop();
    this.sync = createSyncClient({ core: this.core, serverUrl: this.deadUrl });
    this.sync.start();
    this.partitioned = true;
  }

  async heal(): Promise<void> {
    if (!this.partitioned) return;
    await this.sync.stop();
    this.sync = createSyncClient({ core: this.core, serverUrl: this.serverUrl });
    this.sync.start();
    this.partitioned = false;
  }

  /** The device's own API client, for replaying pushes behind the sync client's back. */
  deviceApi() {
    const token = createCredentialStore(this.dir).read()?.token;
    if (!token) throw new Error('replica is not paired');
    return serverClient(this.serverUrl, token);
  }

  async close(): Promise<void> {
    await this.sync.stop();
    this.core.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

const MIRROR_TABLES = [
  'mirror_vendor',
  'mirror_categories',
  'mirror_tax_rates',
  'mirror_products',
  'mirror_variants',
  'mirror_staff',
  'mirror_stock_levels',
  'mirror_web_orders',
  'mirror_web_order_lines',
] as const;

/** Every mirror row, as sorted JSON per table: two replicas of the same server state dump equal. */
export function dumpMirror(core: CounterCore): Record<string, string[]> {
  return Object.fromEntries(
    MIRROR_TABLES.map((t) => [t, (core.ctx.sqlite.prepare(`SELECT * FROM ${t}`).all()).map((r) => JSON.stringify(r)).sort()]),
  );
}

/**
 * Sends the outbox rows after `from` straight to sync.push, as a network that duplicates or reorders
 * deliveries would: `from` below the server's mark replays acknowledged rows; above it, the batch arrives
 * before the rows in between (a gap the server must not apply past). The schema refuses a batch that is not
 * consecutive, so reordering happens between batches, not inside one. A duplicated delivery is the counter's
 * own request, so it carries the staff proofs the counter sends with every push (without them, a replayed
 * manager-approved refund that reached the server before the real push would be refused for want of a proof).
 */
export async function replayPush(r: Replica, from: number, count: number): Promise<void> {
  const epoch = r.core.mirror.state().epoch;
  const rows = r.core.outbox.after(from, count);
  if (!epoch || rows.length === 0) return;
  const proofs = syncProofs(r.core.ctx);
  await r.deviceApi().sync.push.mutate({ epoch, mutations: rows, ...(proofs.length > 0 ? { proofs } : {}) });
}
