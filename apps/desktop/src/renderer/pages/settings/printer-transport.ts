/*
 * The settings form edits a printer's connection as separate fields; the counter stores one URL
 * (tcp://host:port, serial:/dev/x?baud=n, os:queue) and checks it, so bad values come back in its words.
 */

export type Connection = { kind: 'tcp'; host: string; port: number } | { kind: 'serial'; path: string; baud: number } | { kind: 'os'; queue: string };

export const BAUDS = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200] as const;
export const CODE_PAGES = ['PC858_EURO', 'PC437_USA', 'PC850_MULTILINGUAL', 'PC852_LATIN2', 'PC860_PORTUGUESE', 'PC863_CANADIAN_FRENCH', 'PC865_NORDIC', 'PC866_CYRILLIC2', 'WPC1250_LATIN2', 'WPC1251_CYRILLIC', 'WPC1252'] as const;

export function connectionUrl(c: Connection): string {
  switch (c.kind) {
    case 'tcp':
      return `tcp://${c.host.trim()}:${c.port}`;
    case 'serial':
      return `serial:${c.path.trim()}?baud=${c.baud}`;
    case 'os':
      return `os:${c.queue.trim()}`;
  }
}

export function parseConnection(url: string): Connection {
  const tcp = /^tcp:\/\/\[?([^\]]*?)\]?:(\d+)$/.exec(url);
  if (tcp) return { kind: 'tcp', host: tcp[1] ?? '', port: Number(tcp[2]) };
  const serial = /^serial:([^?]*)(?:\?baud=(\d+))?$/.exec(url);
  if (serial) return { kind: 'serial', path: serial[1] ?? '', baud: Number(serial[2] ?? 9600) };
  if (url.startsWith('os:')) return { kind: 'os', queue: url.slice(3) };
  return { kind: 'tcp', host: '', port: 9100 };
}

/** "Network 192.168.1.50:9100", "USB/serial /dev/ttyUSB0", "System printer Star_TSP100". */
export function connectionText(url: string): string {
  const c = parseConnection(url);
  if (c.kind === 'tcp') return `Network ${c.host}:${c.port}`;
  if (c.kind === 'serial') return `Serial ${c.path} · ${c.baud} baud`;
  return `System printer ${c.queue}`;
}

/** What is missing or mistyped in the connection fields, in words, before the counter is asked. */
export function connectionProblem(c: Connection): string | null {
  if (c.kind === 'tcp') {
    if (!c.host.trim()) return 'Type the printer’s IP address, like 192.168.1.50 (printed on its self-test page).';
    if (!/^[A-Za-z0-9.\-:]+$/.test(c.host.trim())) return `“${c.host.trim()}” is not an IP address or host name. Use only letters, digits, dots and dashes, like 192.168.1.50.`;
    return null;
  }
  if (c.kind === 'serial') return c.path.trim() ? null : 'Type the port the printer is plugged into, like /dev/ttyUSB0 or COM3.';
  return c.queue.trim() ? null : 'Type the name of the print queue, as the computer lists it.';
}
