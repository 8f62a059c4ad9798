import type Database from 'better-sqlite3';
import { AppError, setMarketLocale, type Change, type SyncMarket } from '@makeries/shared';
import { isoAt, type CoreContext } from '../context';
import { MIRROR_TABLE_NAMES } from './statements';
import { deleteEntity, upsertEntity } from './upsert';

export interface ApplySummary {
  upserts: number;
  deletes: number;
  /** entities this counter version does not know (a newer server): ignored, not an error */
  skipped: number;
}

function requireData(c: Change): Record<string, unknown> {
  if (!c.data || typeof c.data !== 'object') {
    throw new AppError('BAD_INPUT', `The server sent an upsert of ${c.entity} ${c.id} without its row.`);
  }
  return c.data;
}

/**
 * Applies a page of the change feed to the mirror: upserts replace the whole row, deletes remove it. One
 * transaction (a savepoint when called inside one), so a page that fails to apply leaves nothing behind.
 */
export function applyChanges(sqlite: Database.Database, changes: readonly Change[]): ApplySummary {
  return sqlite.transaction(() => {
    const summary: ApplySummary = { upserts: 0, deletes: 0, skipped: 0 };
    for (const c of changes) {
      const known = c.op === 'delete' ? deleteEntity(sqlite, c.entity, c.id) : upsertEntity(sqlite, c.entity, c.id, requireData(c));
      if (!known) summary.skipped++;
      else if (c.op === 'delete') summary.deletes++;
      else summary.upserts++;
    }
    return summary;
  })();
}

/** Bootstrap, step 1: empty the staging area (an interrupted bootstrap leaves rows there). */
function beginBootstrap(sqlite: Database.Database): void {
  sqlite.prepare('DELETE FROM bootstrap_stage').run();
}

/** Bootstrap, step 2 (per page): stage rows without touching the mirror the counter is selling from. */
function stageChanges(sqlite: Database.Database, changes: readonly Change[]): void {
  const put = sqlite.prepare('INSERT INTO bootstrap_stage (entity, id, data) VALUES (?, ?, ?) ON CONFLICT(entity, id) DO UPDATE SET data = excluded.data');
  const drop = sqlite.prepare('DELETE FROM bootstrap_stage WHERE entity = ? AND id = ?');
  sqlite.transaction(() => {
    for (const c of changes) {
      if (c.op === 'delete') drop.run(c.entity, c.id);
      else put.run(c.entity, c.id, JSON.stringify(requireData(c)));
    }
  })();
}

/** Parents first, so the FTS triggers index each variant once with its product and category present. */
const ENTITY_ORDER = ['vendor', 'tax_rate', 'category', 'product', 'variant', 'stock_level', 'staff', 'web_order', 'order_message', 'promo_code'] as const;

/**
 * Bootstrap, step 3: swap the staged snapshot into the mirror and store cursor and epoch, in one
 * transaction. Until it commits the counter keeps selling from the old mirror; after, from the new one.
 */
function commitBootstrap(sqlite: Database.Database, opts: { cursor: string; epoch: string; nowMs: number }): ApplySummary {
  return sqlite.transaction(() => {
    for (const table of MIRROR_TABLE_NAMES) sqlite.prepare(`DELETE FROM ${table}`).run();
    const summary: ApplySummary = { upserts: 0, deletes: 0, skipped: 0 };
    // pages, not one iterator: better-sqlite3 cannot write while a read cursor is open on the connection
    const page = sqlite.prepare('SELECT id, data FROM bootstrap_stage WHERE entity = ? AND id > ? ORDER BY id LIMIT 1000');
    for (const entity of ENTITY_ORDER) {
      let after = '';
      for (;;) {
        const rows = page.all(entity, after) as { id: string; data: string }[];
        for (const row of rows) upsertEntity(sqlite, entity, row.id, JSON.parse(row.data) as Record<string, unknown>);
        summary.upserts += rows.length;
        const last = rows.at(-1);
        if (!last) break;
        after = last.id;
      }
    }
    const total = sqlite.prepare('SELECT count(*) AS n FROM bootstrap_stage').get() as { n: number };
    summary.skipped = total.n - summary.upserts;
    sqlite.prepare('DELETE FROM bootstrap_stage').run();
    sqlite.prepare('UPDATE device SET cursor = ?, epoch = ?, last_pull_at = ? WHERE slot = 1').run(opts.cursor, opts.epoch, isoAt(opts.nowMs));
    return summary;
  })();
}

export interface PulledPage {
  changes: readonly Change[];
  nextCursor: string;
  epoch: string;
  /** the server's high-water mark for this device's mutations */
  lastMutationId?: number;
  /** the marketplace's locale and currency, stored with the page */
  market?: SyncMarket;
}

/** Keeps the marketplace's locale and currency with the page that brought them, and formats in them from now on. */
function storeMarket(sqlite: CoreContext['sqlite'], market: SyncMarket | undefined): void {
  if (!market) return;
  sqlite.prepare('UPDATE device SET market_locale = ?, market_currency = ? WHERE slot = 1').run(market.locale, market.currency);
  setMarketLocale(market.locale);
}

export interface MirrorState {
  cursor: string;
  epoch: string | null;
  lastPullAt: string | null;
  serverLastMutationId: number;
}

export function createMirrorModule(ctx: CoreContext) {
  const { sqlite } = ctx;
  return {
    /** Applies an incremental pull page and stores its cursor in the same transaction (DESIGN §4). */
    applyPage(page: PulledPage): ApplySummary {
      return sqlite.transaction(() => {
        const summary = applyChanges(sqlite, page.changes);
        sqlite.prepare('UPDATE device SET cursor = ?, epoch = ?, last_pull_at = ? WHERE slot = 1').run(page.nextCursor, page.epoch, isoAt(ctx.now()));
        if (page.lastMutationId !== undefined) {
          sqlite.prepare('UPDATE device SET server_last_mutation_id = ? WHERE slot = 1').run(page.lastMutationId);
        }
        storeMarket(sqlite, page.market);
        return summary;
      }).immediate();
    },
    beginBootstrap: (): void => sqlite.transaction(() => beginBootstrap(sqlite)).immediate(),
    stageBootstrap: (changes: readonly Change[]): void => sqlite.transaction(() => stageChanges(sqlite, changes)).immediate(),
    commitBootstrap: (opts: { cursor: string; epoch: string; market?: SyncMarket }): ApplySummary =>
      sqlite
        .transaction(() => {
          const summary = commitBootstrap(sqlite, { cursor: opts.cursor, epoch: opts.epoch, nowMs: ctx.now() });
          storeMarket(sqlite, opts.market);
          return summary;
        })
        .immediate(),
    state(): MirrorState {
      const d = sqlite.prepare('SELECT cursor, epoch, last_pull_at AS lastPullAt, server_last_mutation_id AS serverLastMutationId FROM device WHERE slot = 1').get() as
        | MirrorState
        | undefined;
      return d ?? { cursor: '0', epoch: null, lastPullAt: null, serverLastMutationId: 0 };
    },
  };
}
