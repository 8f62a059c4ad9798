import { AppError } from '@makeries/shared';
import { describe, expect, it } from 'vitest';
import { formatTransport, parseTransport } from './url';

function refusal(url: string): string {
  try {
    parseTransport(url);
  } catch (e) {
    if (e instanceof AppError && e.code === 'BAD_INPUT') return e.message;
    throw e;
  }
  throw new Error(`"${url}" was accepted`);
}

describe('printer connection URLs', () => {
  it('reads network, serial and OS queue printers, filling in the defaults', () => {
    expect(formatTransport(parseTransport('tcp://192.168.1.50'))).toBe('tcp://192.168.1.50:9100');
    expect(parseTransport('tcp://printer.local:9101')).toEqual({ kind: 'tcp', host: 'printer.local', port: 9101 });
    expect(formatTransport(parseTransport('tcp://[::1]:9100'))).toBe('tcp://[::1]:9100');
    expect(parseTransport('serial:/dev/ttyUSB0?baud=19200')).toEqual({ kind: 'serial', path: '/dev/ttyUSB0', baudRate: 19200 });
    expect(formatTransport(parseTransport('serial:COM3'))).toBe('serial:COM3?baud=9600');
    expect(parseTransport('os:EPSON_TM_T20')).toEqual({ kind: 'os', queue: 'EPSON_TM_T20' });
  });

  it('refuses what is not a printer connection, saying what is accepted', () => {
    expect(refusal('http://printer:9100')).toMatch(/tcp:\/\/.*serial:.*os:/);
    expect(refusal('192.168.1.50')).toMatch(/not a printer connection/);
    expect(refusal('tcp://')).toMatch(/network printer address|no printer address/);
    expect(refusal('tcp://host:0')).toMatch(/between 1 and 65535/);
    expect(refusal('tcp://host:70000')).toMatch(/not a network printer address/);
    expect(refusal('tcp://host:9100/print')).toMatch(/nothing after the port/);
    expect(refusal('serial:ttyUSB0')).toMatch(/not a serial port/);
    expect(refusal('serial:/dev/ttyUSB0?baud=12345')).toMatch(/Choose one of/);
    expect(refusal('serial:/dev/ttyUSB0?speed=9600')).toMatch(/only \?baud/);
    expect(refusal('os:')).toMatch(/not a print queue name/);
    expect(refusal('os:Front Desk')).toMatch(/without spaces/);
  });
});
