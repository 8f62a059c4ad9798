import { afterEach, describe, expect, it } from 'vitest';
import { makeCore, type TestCore } from '../test/fixtures';
import { cartWriteTx } from './open';

let t: TestCore;
afterEach(() => t.cleanup());

describe('openDatabase', () => {
  it('opens in WAL with full fsync, foreign keys and a busy timeout, and migrates', () => {
    t = makeCore();
    const { sqlite } = t.core.ctx;
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    const names = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type IN ('table','view')").all() as { name: string }[]).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['outbox', 'sales', 'mirror_variants', 'variant_fts', 'variant_search_doc', 'carts', 'shifts']));
  });

  it('relaxes fsync only for the cart write itself: every later commit (a sale) is FULL again, even after a failure', () => {
    t = makeCore();
    const { db, sqlite } = t.core.ctx;
    const seen = cartWriteTx(db, () => sqlite.pragma('synchronous', { simple: true }));
    expect(seen).toBe(1); // NORMAL inside
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(() =>
      cartWriteTx(db, () => {
        throw new Error('scan refused');
      }),
    ).toThrow('scan refused');
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('reopening an existing file applies nothing twice and keeps the singleton rows', () => {
    t = makeCore();
    t.core.device.pair({ deviceId: '0196a000-0000-7000-8000-000000000001', vendorId: '0196a000-0000-7000-8000-000000000002', registerCode: 'b2' });
    const core = t.reopen();
    expect(core.device.get()).toMatchObject({ registerCode: 'B2', cursor: '0' });
    expect(core.device.settings().discountLimitBps).toBe(1000);
  });

  it('refuses to delete or rewrite outbox rows and sales at the database level', () => {
    t = makeCore();
    const { sqlite } = t.core.ctx;
    sqlite
      .prepare("INSERT INTO outbox (device_id, mutation_id, id, name, args, args_version, hlc, created_at) VALUES ('d', 1, 'x', 'sale.complete', '{}', 1, 'h', 'now')")
      .run();
    expect(() => sqlite.prepare('DELETE FROM outbox').run()).toThrow(/never deleted/);
    expect(() => sqlite.prepare("UPDATE outbox SET args = '{\"a\":1}'").run()).toThrow(/immutable/);
    sqlite.prepare("UPDATE outbox SET status = 'applied'").run();
    expect(sqlite.prepare('SELECT status FROM outbox').get()).toEqual({ status: 'applied' });
  });
});
