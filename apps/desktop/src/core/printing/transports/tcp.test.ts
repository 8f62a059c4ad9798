import { afterEach, describe, expect, it } from 'vitest';
import { FakePrinter, startFakePrinter } from '../test/fake-printer';
import { openTransport, PrintFailure } from './index';

const JOB = Buffer.concat([Buffer.from([0x1b, 0x40]), Buffer.from('Crumb Bakery\nSourdough Loaf   4.50\n'), Buffer.from([0x1d, 0x56, 0x42, 0x00])]);
const FAST = { tcp: { connectTimeoutMs: 2_000, ioTimeoutMs: 5_000, statusTimeoutMs: 300 } };

let printer: FakePrinter;
afterEach(() => printer?.stop());

async function failure(p: Promise<unknown>): Promise<PrintFailure> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof PrintFailure)) throw new Error(`expected a PrintFailure, got ${String(e)}`);
  return e;
}

describe('network printer (tcp://host:9100)', () => {
  it('delivers every byte of a job as one connection, after checking the printer is ready', async () => {
    printer = await startFakePrinter();
    await openTransport(printer.url, 'epson', FAST).send(JOB);
    expect(printer.jobs).toEqual([JOB]);
    expect(printer.statusQueries).toBe(2);
  });

  it('reports paper out instead of sending a job the printer would swallow', async () => {
    printer = await startFakePrinter();
    printer.status = 'paper_out';
    const e = await failure(openTransport(printer.url, 'epson', FAST).send(JOB));
    expect({ kind: e.kind, message: e.message, retryable: e.retryable }).toEqual({ kind: 'paper_out', message: 'Paper out', retryable: true });
    expect(printer.jobs).toEqual([]);
    expect(printer.swallowed).toEqual([]);
  });

  it('reports an open cover as not ready', async () => {
    printer = await startFakePrinter();
    printer.status = 'cover_open';
    const e = await failure(openTransport(printer.url, 'epson', FAST).send(JOB));
    expect(e.kind).toBe('not_ready');
    expect(printer.jobs).toEqual([]);
  });

  it('reports a switched-off printer as offline', async () => {
    printer = await startFakePrinter();
    await printer.stop();
    const e = await failure(openTransport(printer.url, 'epson', FAST).send(JOB));
    expect({ kind: e.kind, message: e.message }).toEqual({ kind: 'offline', message: 'Printer offline' });
  });

  it('reports a connection reset mid-job, and the printer keeps nothing of it', async () => {
    printer = await startFakePrinter();
    printer.resetAfter(10);
    const e = await failure(openTransport(printer.url, 'epson', FAST).send(JOB));
    expect({ kind: e.kind, message: e.message, retryable: e.retryable }).toEqual({ kind: 'reset', message: 'Connection reset', retryable: true });
    expect(printer.jobs).toEqual([]);
    await openTransport(printer.url, 'epson', FAST).send(JOB);
    expect(printer.jobs).toEqual([JOB]);
  });

  it('prints on a printer that ignores status queries, and stops asking it', async () => {
    printer = await startFakePrinter({ answersStatus: false });
    const transport = openTransport(printer.url, 'epson', FAST);
    await transport.send(JOB);
    await transport.send(JOB);
    expect(printer.jobs).toEqual([JOB, JOB]);
    expect(printer.statusQueries).toBe(0);
  });

  it('sends no DLE EOT to a STAR printer', async () => {
    printer = await startFakePrinter();
    printer.status = 'paper_out';
    await openTransport(printer.url, 'star', FAST).send(JOB);
    expect(printer.statusQueries).toBe(0);
    // without a status answer the job goes out; a STAR printer out of paper buffers it
    expect(printer.swallowed).toEqual([JOB]);
  });

  it('sends a large job completely', async () => {
    printer = await startFakePrinter();
    const big = Buffer.alloc(2 * 1024 * 1024, 0x41);
    await openTransport(printer.url, 'epson', FAST).send(big);
    expect(printer.jobs[0]?.equals(big)).toBe(true);
  });
});
