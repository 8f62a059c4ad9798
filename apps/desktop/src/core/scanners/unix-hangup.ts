import { read } from 'node:fs';
import { promisify } from 'node:util';
import type { SerialBinding, SerialPortBinding } from './serial-scanner';

const readAsync = promisify(read);

/** The parts of bindings-cpp's Linux/macOS port that reading needs (both keep the fd and a poller). */
interface UnixPort {
  fd: number | null;
  readonly isOpen: boolean;
  poller: { once(event: 'readable', cb: (err: Error | null) => void): unknown };
}

function isUnixPort(p: unknown): p is UnixPort {
  const c = p as Partial<UnixPort> | null;
  return typeof c === 'object' && c !== null && 'fd' in c && typeof c.poller?.once === 'function';
}

const canceled = () => Object.assign(new Error('Port is not open'), { canceled: true });

/**
 * bindings-cpp reads a Unix tty again whenever a read returns 0 bytes, but 0 bytes from a non-blocking tty means
 * the other end hung up (a USB scanner pulled out, a pty whose master closed): it then spins forever and the
 * port never reports the disconnect (serialport/bindings-cpp#162, open). This read is theirs with that one
 * change: 0 bytes is an error, which serialport turns into a `close` with a disconnect error.
 */
async function readUntilHangup(port: UnixPort, buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }> {
  for (;;) {
    if (!port.isOpen || port.fd === null) throw canceled();
    try {
      const { bytesRead } = await readAsync(port.fd, buffer, offset, length, null);
      if (bytesRead === 0) throw Object.assign(new Error('The device hung up (it was unplugged or switched off).'), { code: 'EHANGUP' });
      return { buffer, bytesRead };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EAGAIN' && code !== 'EWOULDBLOCK' && code !== 'EINTR') throw e;
      if (!port.isOpen) throw canceled();
      await new Promise<void>((resolve, reject) => port.poller.once('readable', (err) => (err ? reject(err) : resolve())));
    }
  }
}

/** The binding with hang-up detection on its Unix ports; other ports (Windows, mocks) are left as they are. */
export function withHangupDetection(binding: SerialBinding): SerialBinding {
  return {
    list: () => binding.list(),
    async open(options) {
      const port: SerialPortBinding = await binding.open(options);
      if (isUnixPort(port)) {
        const unix = port;
        // an own property shadows the class method for this one port
        (port as { read: SerialPortBinding['read'] }).read = (buffer, offset, length) => readUntilHangup(unix, buffer, offset, length);
      }
      return port;
    },
  };
}
