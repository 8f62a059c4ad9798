import { SerialPortMock } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import type { SerialPortBinding } from '../../scanners/serial-scanner';
import { openTransport, PrintFailure } from './index';
import type { SerialBinding } from './serial';

/** A MockBinding port opened with `record: true`: what was written to it, and how it was opened. */
interface MockPortBinding extends SerialPortBinding {
  readonly openOptions: { baudRate: number };
  readonly recording: Buffer;
}

interface MockBindingApi extends SerialBinding {
  reset(): void;
  createPort(path: string, opts?: { record?: boolean }): void;
  open(options: Parameters<SerialBinding['open']>[0]): Promise<MockPortBinding>;
}

/**
 * @serialport/binding-mock's MockBinding, as serialport itself loads it (its ESM build has no types under
 * package exports, and a second copy would keep its own list of ports); typed by hand, as scanners/test-devices.ts does.
 */
const MockBinding = SerialPortMock.binding as unknown as MockBindingApi;

const JOB = Buffer.concat([Buffer.from([0x1b, 0x40]), Buffer.from('Kitchen ticket #42\n'), Buffer.from([0x1d, 0x56, 0x42, 0x00])]);

/** MockBinding, keeping each opened port so the test can read what was written to it. */
function recordingBinding() {
  const opened: MockPortBinding[] = [];
  const binding: SerialBinding = {
    list: () => MockBinding.list(),
    async open(options) {
      const port = await MockBinding.open(options);
      opened.push(port);
      return port;
    },
  };
  return { opened, binding };
}

afterEach(() => MockBinding.reset());

describe('serial printer (serial:/dev/ttyUSB0?baud=19200)', () => {
  it('opens the port at the configured baud, writes the whole job, and lets go of the port', async () => {
    MockBinding.createPort('/dev/ttyUSB0', { record: true });
    const { opened, binding } = recordingBinding();
    const transport = openTransport('serial:/dev/ttyUSB0?baud=19200', 'epson', { serial: { binding } });
    await transport.send(JOB);
    await transport.send(JOB);
    expect(opened.map((p) => [p.openOptions.baudRate, p.recording.equals(JOB), p.isOpen])).toEqual([
      [19200, true, false],
      [19200, true, false],
    ]);
  });

  it('reports an unplugged printer as offline, naming the port', async () => {
    const { binding } = recordingBinding();
    const e = await openTransport('serial:/dev/ttyUSB9', 'epson', { serial: { binding } })
      .send(JOB)
      .then(() => null, (err: unknown) => err);
    expect(e).toBeInstanceOf(PrintFailure);
    expect((e as PrintFailure).message).toBe('Printer offline: nothing is connected at /dev/ttyUSB9');
  });
});
