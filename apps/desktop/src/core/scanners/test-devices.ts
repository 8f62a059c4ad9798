import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, constants, openSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { SerialBinding, SerialPortBinding } from './serial-scanner';

/*
 * Fake devices at the serial boundary for the scanner tests (not used by the app): MockBinding ports that can be
 * unplugged, and a real pty pair made by socat that a test can kill and start again.
 */

interface MockPortBinding extends SerialPortBinding {
  isOpen: boolean;
  /** pretend the device sent these bytes */
  emitData(data: Buffer | string): void;
}

/** @serialport/binding-mock, typed (its typings are hidden by its "exports" map, like serialport's own). */
const { MockBinding } = createRequire(import.meta.url)('@serialport/binding-mock') as {
  MockBinding: Omit<SerialBinding, 'open'> & {
    reset(): void;
    createPort(path: string): void;
    open(options: Parameters<SerialBinding['open']>[0]): Promise<MockPortBinding>;
  };
};

/**
 * MockBinding, plus what its ports cannot do: disappear. `unplug` fails the read in progress (as the OS does
 * when a USB scanner is pulled, which makes serialport close the port as disconnected) and removes the port,
 * so reopening fails until `plug` creates it again. `emit` sends bytes from the scanner to the open port.
 */
export function unpluggableMock(path: string) {
  MockBinding.reset();
  MockBinding.createPort(path);
  const open = new Set<{ port: MockPortBinding; fail(e: Error): void }>();

  const binding: SerialBinding = {
    list: () => MockBinding.list(),
    async open(options) {
      const port = await MockBinding.open(options);
      let fail: (e: Error) => void = () => {};
      const gone = new Promise<never>((_, reject) => {
        fail = reject;
      });
      gone.catch(() => {});
      const entry = { port, fail };
      open.add(entry);
      const wrapped: SerialPortBinding = {
        get openOptions() {
          return port.openOptions;
        },
        get isOpen() {
          return port.isOpen;
        },
        close: async () => {
          open.delete(entry);
          if (port.isOpen) await port.close();
        },
        read: (buffer, offset, length) => Promise.race([port.read(buffer, offset, length), gone]),
        write: (buffer) => port.write(buffer),
        update: (o) => port.update(o),
        set: (o) => port.set(o),
        get: () => port.get(),
        getBaudRate: () => port.getBaudRate(),
        flush: () => port.flush(),
        drain: () => port.drain(),
      };
      return wrapped;
    },
  };

  return {
    binding,
    /** ports open right now */
    get openPorts(): number {
      return open.size;
    },
    emit(data: string): void {
      const [first] = open;
      if (!first) throw new Error(`${path} is not open`);
      first.port.emitData(data);
    },
    unplug(): void {
      MockBinding.reset();
      for (const o of open) o.fail(Object.assign(new Error('Input/output error, cannot read'), { code: 'EIO' }));
    },
    plug(): void {
      MockBinding.createPort(path);
    },
  };
}

/**
 * A real pty pair: the counter opens `scanner`, the test types into `host` as the scanner would. `unplug` kills
 * socat (both ends vanish, like pulling the cable); `plug` starts it again on the same paths.
 */
export function ptyPair(dir: string) {
  const scanner = join(dir, 'scanner');
  const host = join(dir, 'host');
  let child: ChildProcess | null = null;

  const plug = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const c = spawn('/usr/bin/socat', ['-d', '-d', `pty,raw,echo=0,link=${scanner}`, `pty,raw,echo=0,link=${host}`], { stdio: ['ignore', 'ignore', 'pipe'] });
      child = c;
      let log = '';
      c.stderr?.on('data', (d: Buffer) => {
        log += d.toString();
        // both links exist once socat reports its transfer loop
        if (log.includes('starting data transfer loop')) resolve();
      });
      c.once('error', reject);
      c.once('exit', (code) => reject(new Error(`socat exited (${code}) before the ptys were ready:\n${log}`)));
    });

  const unplug = async (): Promise<void> => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise((resolve) => c.once('exit', resolve));
    c.kill('SIGTERM');
    await exited;
  };

  return {
    scanner,
    plug,
    unplug,
    /** bytes into the host end, as the scanner sends them */
    type(data: string): void {
      const fd = openSync(host, constants.O_WRONLY | constants.O_NOCTTY);
      try {
        writeSync(fd, data);
      } finally {
        closeSync(fd);
      }
    },
  };
}

/**
 * Resolves when `check` holds, re-checked whenever `poke` is called (from an event listener). The timeout is
 * a guard against hanging, not a timing assertion.
 */
export function watcher() {
  const waiting = new Set<() => void>();
  return {
    poke(): void {
      for (const w of [...waiting]) w();
    },
    until(what: string, check: () => boolean, ms = 20_000): Promise<void> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(test);
          reject(new Error(`${what}: not seen within ${ms} ms`));
        }, ms);
        const test = () => {
          if (!check()) return;
          clearTimeout(timer);
          waiting.delete(test);
          resolve();
        };
        waiting.add(test);
        test();
      });
    },
  };
}
