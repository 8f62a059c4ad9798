import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffProofs } from '../db/schema/index';
import { storeOf } from '../store/store';
import { createServerShop, makeCounter, readyToSell, syncUntil, type ServerShop, type TestCounter } from '../sync/test-kit';
import { startServerProcess, type ServerProcess } from '../test/server-process';
import { proofHeader, proofsSettled, syncProofs } from './proofs';

/*
 * Staff proofs against the REAL marketplace server process: a PIN typed at the counter is checked here (offline,
 * as always) and, in the background, by the marketplace, which answers a proof; role calls and pushes carry it.
 */
let server: ServerProcess;
const dataDir = mkdtempSync(join(tmpdir(), 'proofs-server-'));
let shop: ServerShop;
let manager: { id: string; pin: string };
const counters: TestCounter[] = [];

beforeAll(async () => {
  server = await startServerProcess({ DATA_DIR: dataDir });
  shop = await createServerShop(server.url, 'Proof');
  const m = await shop.owner.staff.create.mutate({ role: 'manager', name: 'Proof Manager', email: `mgr-${Date.now()}@proof.example`, password: 'correct horse battery', pin: '8642' });
  manager = { id: m.id, pin: '8642' };
});
afterAll(async () => {
  for (const c of counters.splice(0)) await c.cleanup();
  await server?.destroy();
  rmSync(dataDir, { recursive: true, force: true });
});

async function pairedCounter(): Promise<TestCounter> {
  const c = makeCounter(server.url, { random: () => 0.25 });
  counters.push(c);
  await c.sync.pair(await shop.pairingCode());
  await syncUntil(c.sync, 'the staff arrive', () => expect(c.core.staff.list().some((s) => s.id === manager.id)).toBe(true));
  return c;
}

function held(c: TestCounter) {
  return c.core.ctx.db.select().from(staffProofs).all();
}

describe('staff proofs at the counter', () => {
  it('an unlock fetches the person’s proof in the background and keeps only the newest', async () => {
    const c = await pairedCounter();
    const signedIn = await c.core.staff.unlock({ pin: manager.pin });
    // the unlock answered from the local hash; the proof arrives on its own
    expect(signedIn.signedIn).toMatchObject({ staffId: manager.id, role: 'manager' });
    await proofsSettled(c.core.ctx, [manager.id]);
    const [first] = held(c);
    expect(first).toMatchObject({ staffId: manager.id, token: expect.stringMatching(/^[A-Za-z0-9_-]{40,}$/) });
    expect(Date.parse(first?.syncExpiresAt ?? '')).toBeGreaterThan(Date.parse(first?.expiresAt ?? ''));
    c.core.staff.logout();
    await c.core.staff.login({ staffId: manager.id, pin: manager.pin });
    await proofsSettled(c.core.ctx, [manager.id]);
    const again = held(c);
    expect(again).toHaveLength(1);
    expect(again[0]?.token).not.toBe(first?.token);
    expect(await proofHeader(c.core.ctx, [manager.id, null])).toBe(again[0]?.token);
    expect(syncProofs(c.core.ctx)).toEqual([again[0]?.token]);
  });

  it('a role call sends the signed-in manager’s proof; once their PIN changes the marketplace refuses it and says why', async () => {
    const m = await shop.owner.staff.create.mutate({ role: 'manager', name: 'Second Manager', email: `mgr2-${Date.now()}@proof.example`, password: 'correct horse battery', pin: '1357' });
    const c = await pairedCounter();
    await syncUntil(c.sync, 'the second manager arrives', () => expect(c.core.staff.list().some((s) => s.id === m.id)).toBe(true));
    await c.core.staff.login({ staffId: m.id, pin: '1357' });
    await proofsSettled(c.core.ctx, [m.id]);
    expect(await storeOf(c.core.ctx).removeLogo()).toMatchObject({ logo: null });
    // a new PIN set in the back office ends the proofs of the old one
    await shop.owner.staff.update.mutate({ staffId: m.id, pin: '2468' });
    await expect(storeOf(c.core.ctx).removeLogo()).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/PIN of the owner or a manager checked by the marketplace/) });
  });

  it('a catalog edit pushes with the approver’s proof and is applied; with no proof held it is refused at once, nothing queued', async () => {
    const c = await pairedCounter();
    await readyToSell(c.core, shop);
    // a cashier signed in, the manager approves with their PIN: both proofs are fetched
    const cat = await c.core.catalogEdit.saveCategory({ name: 'House specials', sort: 1, approval: { staffId: manager.id, pin: manager.pin } });
    expect(cat.mutationId).toBeGreaterThan(0);
    await syncUntil(c.sync, 'the category is applied', () => expect(c.sync.status()).toMatchObject({ pending: 0, rejected: 0 }));

    c.core.ctx.db.delete(staffProofs).run();
    // typed again, the approval fetches a new proof: an edit made while the marketplace answers always works
    await c.core.catalogEdit.saveCategory({ id: cat.id, name: 'Specials', sort: 1, approval: { staffId: manager.id, pin: manager.pin } });
    await syncUntil(c.sync, 'the rename is applied', () => expect(c.sync.status()).toMatchObject({ pending: 0, rejected: 0 }));

    // offline since before anyone's PIN was checked: said now, nothing queued, nothing to be rejected later
    await server.stop();
    try {
      c.core.ctx.db.delete(staffProofs).run();
      const outbox = () => (c.core.ctx.sqlite.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
      const before = outbox();
      await expect(c.core.catalogEdit.saveCategory({ name: 'Lost edit', sort: 2, approval: { staffId: manager.id, pin: manager.pin } })).rejects.toMatchObject({
        code: 'FORBIDDEN',
        message: expect.stringMatching(/^Catalog edits need the PIN checked by the marketplace: connect this counter/),
      });
      expect(outbox()).toBe(before);
    } finally {
      await server.restart();
    }
  });
});
