import { AppError } from '@makeries/shared';

/** Where a printer's bytes go, parsed from the URL stored in `printers.transport`. */
export type TransportTarget =
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'serial'; path: string; baudRate: number }
  | { kind: 'os'; queue: string };

const DEFAULT_TCP_PORT = 9100;
const DEFAULT_BAUD = 9600;
const BAUD_RATES = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200] as const;

const EXAMPLES = 'Use tcp://192.168.1.50:9100, serial:/dev/ttyUSB0?baud=19200 or os:<print queue name>.';

function bad(message: string): AppError {
  return new AppError('BAD_INPUT', message, { issues: [{ path: 'transport', message }] });
}

function parseTcp(url: string): TransportTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw bad(`"${url}" is not a network printer address. ${EXAMPLES}`);
  }
  const host = u.hostname.startsWith('[') ? u.hostname.slice(1, -1) : u.hostname;
  if (!host) throw bad(`"${url}" has no printer address after tcp://. ${EXAMPLES}`);
  if (u.username || u.password || (u.pathname && u.pathname !== '/') || u.search || u.hash) {
    throw bad(`"${url}" should be just tcp://host:port, with nothing after the port.`);
  }
  if (!/^[A-Za-z0-9.\-:]+$/.test(host)) throw bad(`"${host}" is not a valid printer host name or IP address.`);
  const port = u.port === '' ? DEFAULT_TCP_PORT : Number(u.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw bad(`The port in "${url}" must be between 1 and 65535.`);
  return { kind: 'tcp', host, port };
}

function parseSerial(rest: string): TransportTarget {
  const [path = '', query = ''] = rest.split('?', 2);
  if (!/^(\/dev\/[A-Za-z0-9._\-/]+|COM[1-9]\d{0,2})$/.test(path)) {
    throw bad(`"${path}" is not a serial port. Use a device like /dev/ttyUSB0 (Linux/macOS) or COM3 (Windows).`);
  }
  const params = new URLSearchParams(query);
  for (const key of params.keys()) {
    if (key !== 'baud') throw bad(`Serial printers take only ?baud=… (not "${key}").`);
  }
  const baudText = params.get('baud');
  const baudRate = baudText === null ? DEFAULT_BAUD : Number(baudText);
  if (!(BAUD_RATES as readonly number[]).includes(baudRate)) {
    throw bad(`Baud rate "${baudText ?? ''}" is not one printers use. Choose one of ${BAUD_RATES.join(', ')}.`);
  }
  return { kind: 'serial', path, baudRate };
}

function parseOs(queue: string): TransportTarget {
  // CUPS queue names: printable, no spaces, "/" or "#", at most 127 characters
  if (!/^[^\s/#\\]{1,127}$/u.test(queue) || /[\p{Cc}]/u.test(queue)) {
    throw bad(`"${queue}" is not a print queue name. Use the name shown by \`lpstat -p\`, without spaces or slashes.`);
  }
  return { kind: 'os', queue };
}

/** Parses and validates a transport URL; throws BAD_INPUT with an example of what is accepted. */
export function parseTransport(url: string): TransportTarget {
  const text = url.trim();
  if (text.startsWith('tcp://')) return parseTcp(text);
  if (text.startsWith('serial:')) return parseSerial(text.slice('serial:'.length));
  if (text.startsWith('os:')) return parseOs(text.slice('os:'.length));
  throw bad(`"${text}" is not a printer connection. ${EXAMPLES}`);
}

/** The stored spelling: default port and baud written out, so two spellings of one printer compare equal. */
export function formatTransport(t: TransportTarget): string {
  switch (t.kind) {
    case 'tcp':
      return `tcp://${t.host.includes(':') ? `[${t.host}]` : t.host}:${t.port}`;
    case 'serial':
      return `serial:${t.path}?baud=${t.baudRate}`;
    case 'os':
      return `os:${t.queue}`;
  }
}
