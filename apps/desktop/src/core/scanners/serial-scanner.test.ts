import { afterEach, describe, expect, it } from 'vitest';
import { makeCore, seedShop, signIn, type TestCore } from '../test/fixtures';
import { createCodeSplitter } from './code-splitter';
import type { ScannerEvent } from './scanners';
import { startSerialReader, type SerialReader, type SerialReaderStatus } from './serial-scanner';
import { unpluggableMock, watcher } from './test-devices';

const FAST_RETRY = { initialMs: 20, maxMs: 80 };

describe('code splitter', () => {
  it('joins codes split across reads, strips the prefix, and drops the LF of a CR LF scanner', () => {
    const s = createCodeSplitter({ prefix: '\x02', suffix: '\r' });
    expect(s.push('\x024006381')).toEqual([]);
    expect(s.push(Buffer.from('333931\r\n\x02ABC-1\r\n'))).toEqual(['4006381333931', 'ABC-1']);
    expect(s.push('\r\r')).toEqual([]);
  });

  it('ends codes on a multi-character suffix and forgets a runaway line without one', () => {
    const s = createCodeSplitter({ prefix: '', suffix: '\r\n' });
    expect(s.push('12345670\r\n96385074\r')).toEqual(['12345670']);
    expect(s.push('\n')).toEqual(['96385074']);
    s.push('x'.repeat(600));
    expect(s.push('55123457\r\n')).toEqual(['55123457']);
  });
});

describe('serial reader (MockBinding)', () => {
  let reader: SerialReader | null = null;
  afterEach(async () => {
    await reader?.stop();
    reader = null;
  });

  function startOn(mock: ReturnType<typeof unpluggableMock>, path: string) {
    const w = watcher();
    const codes: string[] = [];
    const statuses: SerialReaderStatus[] = [];
    reader = startSerialReader({
      scanner: { id: 'sc-1', path, baudRate: 9600, prefix: '', suffix: '\r' },
      binding: mock.binding,
      retry: FAST_RETRY,
      onCode: (c) => {
        codes.push(c);
        w.poke();
      },
      onStatus: (s) => {
        statuses.push(s);
        w.poke();
      },
    });
    const r = reader;
    return { w, codes, statuses, state: () => r.status().state };
  }

  it('reads codes, reports an unplugged scanner as disconnected, and reconnects when it is back', async () => {
    const mock = unpluggableMock('/dev/ttyMOCK0');
    const { w, codes, statuses, state } = startOn(mock, '/dev/ttyMOCK0');
    await w.until('connected', () => state() === 'connected');

    mock.emit('4006381333931\r5012');
    mock.emit('345000018\r');
    await w.until('two codes', () => codes.length === 2);
    expect(codes).toEqual(['4006381333931', '5012345000018']);

    mock.unplug();
    await w.until('disconnected', () => state() === 'disconnected');
    // it keeps trying while the device is away
    await w.until('retrying', () => (reader?.status().retries ?? 0) >= 2);
    expect(reader?.status()).toMatchObject({ state: 'disconnected', lastError: expect.stringMatching(/\w/), nextRetryAt: expect.any(String) });

    mock.plug();
    await w.until('reconnected', () => state() === 'connected');
    expect(reader?.status()).toMatchObject({ retries: 0, lastError: null, nextRetryAt: null });
    mock.emit('96385074\r');
    await w.until('third code', () => codes.length === 3);
    expect(codes[2]).toBe('96385074');
    expect(statuses.map((s) => s.state).filter((s, i, all) => s !== all[i - 1])).toEqual(['connecting', 'connected', 'disconnected', 'connected']);
  });

  it('waits for a scanner that is not plugged in yet, and lets go of the port when stopped', async () => {
    const mock = unpluggableMock('/dev/ttyMOCK1');
    mock.unplug();
    const { w, state } = startOn(mock, '/dev/ttyMOCK1');
    await w.until('first failure', () => state() === 'disconnected');
    expect(reader?.status().lastError).toMatch(/does not exist/);
    mock.plug();
    await w.until('connected', () => state() === 'connected');
    expect(mock.openPorts).toBe(1);
    await reader?.stop();
    expect(state()).toBe('stopped');
    expect(mock.openPorts).toBe(0);
  });
});

describe('serial scanners in the core (MockBinding)', () => {
  let t: TestCore | null = null;
  afterEach(async () => {
    await t?.core.scanners.stopReaders();
    t?.cleanup();
    t = null;
  });

  it('feeds each code to the signed-in register’s cart and publishes it, and follows settings changes', async () => {
    t = makeCore();
    const core = t.core;
    const shop = await seedShop(core);
    await signIn(core, shop);
    const mock = unpluggableMock('/dev/ttyACM7');
    const w = watcher();
    const events: ScannerEvent[] = [];
    core.scanners.onEvent((e) => {
      events.push(e);
      w.poke();
    });
    const scanner = await core.scanners.create({ name: 'Hand scanner', path: '/dev/ttyACM7', baudRate: 9600, prefix: '~' });
    await core.scanners.startReaders({ binding: mock.binding, retry: FAST_RETRY });
    const link = () => core.scanners.list()[0]?.link?.state;
    await w.until('connected', () => link() === 'connected');

    mock.emit(`~${shop.barcodes.croissant}\r~${shop.barcodes.croissant}\r~4006381333932\r`);
    const scans = () => events.flatMap((e) => (e.kind === 'scan' ? [e.scan] : []));
    await w.until('three scans', () => scans().length === 3);

    expect(scans().map((s) => [s.source, s.scannerId, s.outcome.status])).toEqual([
      ['serial', scanner.id, 'added'],
      ['serial', scanner.id, 'added'],
      ['serial', scanner.id, 'invalid'],
    ]);
    expect(core.cart.current()?.lines.map((l) => [l.name, l.quantity])).toEqual([['Butter Croissant', 2]]);

    // disabling it closes the port; the status list shows it as not running
    await core.scanners.update({ id: scanner.id, enabled: false });
    expect(mock.openPorts).toBe(0);
    expect(core.scanners.list()[0]).toMatchObject({ enabled: false, link: null });
  });
});
