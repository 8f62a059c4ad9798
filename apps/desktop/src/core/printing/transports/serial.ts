import { SerialPort } from 'serialport';
import type { SerialBinding } from '../../scanners/serial-scanner';
import { afterSending, PrintFailure } from './failure';
import type { PrintTransport } from './types';

/**
 * The serialport binding: the real one by default; tests pass @serialport/binding-mock's MockBinding. Typed by
 * hand in the scanners (serialport's binding typings do not resolve, see serial-scanner.ts).
 */
export type { SerialBinding };

export interface SerialOptions {
  binding?: SerialBinding;
  /** a printer that stops taking bytes for this long (flow control held) counts as not answering (default 15 s) */
  ioTimeoutMs?: number;
}

function withTimeout<T>(p: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new PrintFailure('timeout'));
    }, ms);
  });
  return Promise.race([p, deadline]).finally(() => clearTimeout(timer));
}

/**
 * Raw bytes to a serial (or USB-serial) printer: open the port at the configured baud, write, drain (wait
 * until the OS has sent every byte), close. The port is held only while printing, so a printer unplugged and
 * plugged back in is simply opened again by the next attempt.
 */
export function serialTransport(target: { path: string; baudRate: number }, opts: SerialOptions = {}): PrintTransport {
  const ioTimeoutMs = opts.ioTimeoutMs ?? 15_000;
  return {
    async send(bytes) {
      const options = { path: target.path, baudRate: target.baudRate, autoOpen: false, ...(opts.binding ? { binding: opts.binding } : {}) };
      // SerialPort's option type hides `binding`, but its constructor honours it (that is how SerialPortMock works)
      const port = new SerialPort(options as ConstructorParameters<typeof SerialPort>[0]);
      const opened = new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
      try {
        await opened;
      } catch (e) {
        throw new PrintFailure('offline', { detail: `nothing is connected at ${target.path}`, cause: e });
      }
      try {
        await withTimeout(
          new Promise<void>((resolve, reject) => {
            port.write(bytes, (e) => {
              if (e) { reject(e); return; }
              port.drain((d) => (d ? reject(d) : resolve()));
            });
          }),
          ioTimeoutMs,
          () => port.destroy(),
        );
      } catch (e) {
        // bytes were written to the port: the printer may have printed them (or kicked the drawer)
        if (e instanceof PrintFailure) throw afterSending(e);
        throw new PrintFailure('reset', { detail: `the serial port ${target.path} stopped`, cause: e, mayHaveSent: true });
      } finally {
        if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
      }
    },
  };
}
