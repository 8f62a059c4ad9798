import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeCore, seedShop, signIn, type TestCore } from '../test/fixtures';
import type { ScanEvent, ScannerEvent } from './scanners';
import { ptyPair, watcher } from './test-devices';

/*
 * The serial reader on a real pseudo-terminal (the OS serial driver path, not a mock): socat makes a pty pair,
 * the core opens one end as its scanner with the real serialport binding, the test types into the other.
 */
describe('serial scanner on a real pty pair (socat)', () => {
  let t: TestCore | null = null;
  let pty: ReturnType<typeof ptyPair> | null = null;
  let dir = '';
  afterEach(async () => {
    await t?.core.scanners.stopReaders();
    t?.cleanup();
    await pty?.unplug();
    if (dir) rmSync(dir, { recursive: true, force: true });
    t = null;
    pty = null;
  });

  it('adds a scanned item to the cart, survives the scanner being unplugged, and reads again once it is back', async () => {
    dir = mkdtempSync(join(tmpdir(), 'counter-pty-'));
    pty = ptyPair(dir);
    await pty.plug();
    t = makeCore();
    const core = t.core;
    const shop = await seedShop(core);
    await signIn(core, shop);
    const w = watcher();
    const scans: ScanEvent[] = [];
    const states: string[] = [];
    core.scanners.onEvent((e: ScannerEvent) => {
      if (e.kind === 'scan') scans.push(e.scan);
      else states.push(e.status.state);
      w.poke();
    });
    await core.scanners.create({ name: 'Counter scanner', path: pty.scanner, baudRate: 9600, suffix: '\r' });
    await core.scanners.startReaders({ retry: { initialMs: 50, maxMs: 400 } });
    const link = () => core.scanners.list()[0]?.link?.state;
    await w.until('connected', () => link() === 'connected');

    pty.type(`${shop.barcodes.loaf}\r`);
    await w.until('first scan', () => scans.length === 1);
    expect(scans[0]).toMatchObject({ source: 'serial', outcome: { status: 'added', code: shop.barcodes.loaf } });
    expect(core.cart.current()?.lines.map((l) => [l.name, l.quantity])).toEqual([['Sourdough Loaf', 1]]);

    await pty.unplug();
    await w.until('disconnected', () => link() === 'disconnected');
    expect(core.scanners.list()[0]?.link?.lastError).toMatch(/\w/);

    await pty.plug();
    await w.until('reconnected', () => link() === 'connected');
    pty.type(`${shop.barcodes.croissant}\r`);
    await w.until('second scan', () => scans.length === 2);

    expect(scans[1]).toMatchObject({ source: 'serial', outcome: { status: 'added', code: shop.barcodes.croissant } });
    expect(core.cart.current()?.lines.map((l) => [l.name, l.quantity])).toEqual([
      ['Sourdough Loaf', 1],
      ['Butter Croissant', 1],
    ]);
    expect(states.filter((s, i) => s !== states[i - 1])).toEqual(['connecting', 'connected', 'disconnected', 'connected']);
  });
});
