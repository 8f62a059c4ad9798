import { isAppError, type ErrorCode } from '@makeries/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { dbState } from '../../router/test-kit';
import { signIn } from '../../test/fixtures';
import { printingKit, type PrintingKit } from './test-kit';

let kit: PrintingKit;
afterEach(() => kit?.cleanup());

/** The call must fail with `code` and a sentence for staff, and leave every table as it was. */
function refused(fn: () => unknown, code: ErrorCode, message?: RegExp): string {
  const before = dbState(kit.core);
  let error: unknown = null;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  if (!isAppError(error)) throw new Error(`expected ${code}, got ${String(error)}`);
  expect(error.code).toBe(code);
  if (message) expect(error.message).toMatch(message);
  expect(dbState(kit.core)).toEqual(before);
  return error.message;
}

describe('printer settings', () => {
  it('adds, lists, updates and removes printers, storing connections in one spelling', async () => {
    kit = await printingKit({ start: false });
    const { printers } = kit.core.printing;
    const till = printers.add({ name: 'Front till', transport: 'tcp://192.168.1.50', hasDrawer: true });
    expect(till).toMatchObject({
      name: 'Front till', role: 'receipt', transport: 'tcp://192.168.1.50:9100', paperWidth: 80, commandSet: 'epson',
      codePage: 'PC858_EURO', hasDrawer: true, drawerPin: 0, drawerT1: 25, drawerT2: 250, enabled: true,
    });
    const kitchen = printers.add({ name: 'Kitchen', role: 'kitchen', transport: 'serial:/dev/ttyUSB0?baud=19200', paperWidth: 58, commandSet: 'star', codePage: 'cp1252' });
    expect(kitchen).toMatchObject({ transport: 'serial:/dev/ttyUSB0?baud=19200', paperWidth: 58, commandSet: 'star', codePage: 'WPC1252' });
    const office = printers.add({ name: 'Office', transport: 'os:Office_Laser' });
    expect(printers.list().map((p) => p.name)).toEqual(['Front till', 'Kitchen', 'Office']);
    expect(printers.update({ printerId: till.id, drawerPin: 1, drawerT1: 50, paperWidth: 58 })).toMatchObject({ drawerPin: 1, drawerT1: 50, drawerT2: 250, paperWidth: 58, name: 'Front till' });
    expect(printers.remove({ printerId: office.id })).toEqual({ removed: true });
    expect(printers.list().map((p) => p.name)).toEqual(['Front till', 'Kitchen']);
  });

  it('refuses bad settings with a message for staff, writing nothing', async () => {
    kit = await printingKit({ start: false });
    const { printers } = kit.core.printing;
    const till = printers.add({ name: 'Front till', transport: 'tcp://10.0.0.5:9100' });
    const base = { name: 'Back till', transport: 'tcp://10.0.0.6:9100' };
    refused(() => printers.add({ ...base, name: '  ' }), 'BAD_INPUT', /name/);
    refused(() => printers.add({ ...base, transport: 'http://10.0.0.6' }), 'BAD_INPUT', /tcp:\/\//);
    refused(() => printers.add({ ...base, transport: 'tcp://10.0.0.6:99999' }), 'BAD_INPUT');
    refused(() => printers.add({ ...base, transport: 'serial:/dev/ttyUSB0?baud=1234' }), 'BAD_INPUT', /Baud rate/);
    refused(() => printers.add({ ...base, transport: 'os:Front Desk' }), 'BAD_INPUT', /print queue name/);
    refused(() => printers.add({ ...base, paperWidth: 76 as 80 }), 'BAD_INPUT', /58 or 80/);
    refused(() => printers.add({ ...base, commandSet: 'citizen' as 'epson' }), 'BAD_INPUT', /EPSON|STAR/);
    refused(() => printers.add({ ...base, codePage: 'KLINGON' }), 'BAD_INPUT', /code page "KLINGON".*PC858_EURO/);
    refused(() => printers.add({ ...base, drawerPin: 2 as 1 }), 'BAD_INPUT', /pin 0/);
    refused(() => printers.add({ ...base, drawerT1: 256 }), 'BAD_INPUT', /0 to 255/);
    refused(() => printers.add({ ...base, drawerT2: -1 }), 'BAD_INPUT', /0 to 255/);
    refused(() => printers.add({ ...base, drawerT1: 2.5 }), 'BAD_INPUT', /whole number/);
    refused(() => printers.add({ ...base, name: 'front TILL' }), 'CONFLICT', /already a printer/);
    refused(() => printers.update({ printerId: till.id }), 'BAD_INPUT', /at least one/);
    refused(() => printers.update({ printerId: till.id, drawerT2: 300 }), 'BAD_INPUT');
    refused(() => printers.update({ printerId: 'not-an-id', name: 'x' }), 'BAD_INPUT');
    refused(() => printers.update({ printerId: kit.shop.vendorId, name: 'x' }), 'NOT_FOUND');
  });

  it('lets only managers and owners change printers', async () => {
    kit = await printingKit({ start: false });
    const till = kit.core.printing.printers.add({ name: 'Front till', transport: 'tcp://10.0.0.5:9100' });
    await signIn(kit.core, kit.shop, 'cashier');
    expect(kit.core.printing.printers.list()).toHaveLength(1);
    refused(() => kit.core.printing.printers.add({ name: 'Mine', transport: 'tcp://10.0.0.9' }), 'FORBIDDEN', /manager/);
    refused(() => kit.core.printing.printers.update({ printerId: till.id, enabled: false }), 'FORBIDDEN');
    refused(() => kit.core.printing.printers.remove({ printerId: till.id }), 'FORBIDDEN');
  });

  it('will not remove a printer that still has jobs waiting', async () => {
    kit = await printingKit({ start: false });
    const { core } = kit;
    const till = core.printing.printers.add({ name: 'Front till', transport: 'tcp://127.0.0.1:9' });
    const { job } = core.printing.testPrint({ printerId: till.id });
    expect(refused(() => core.printing.printers.remove({ printerId: till.id }), 'CONFLICT')).toMatch(/1 job waiting/);
    core.printing.cancel({ jobId: job.id });
    expect(core.printing.printers.remove({ printerId: till.id })).toEqual({ removed: true });
    expect(core.printing.jobs()).toEqual([]);
  });
});
