import { osQueueTransport, type OsQueueOptions } from './os-queue';
import { serialTransport, type SerialOptions } from './serial';
import { tcpTransport, type TcpOptions } from './tcp';
import type { PrintTransport } from './types';
import { parseTransport } from './url';

export interface TransportOptions {
  tcp?: TcpOptions;
  serial?: SerialOptions;
  os?: OsQueueOptions;
}

/** The transport for a stored printer URL (already validated when the printer was saved). */
export function openTransport(url: string, commandSet: 'epson' | 'star', opts: TransportOptions = {}): PrintTransport {
  const target = parseTransport(url);
  switch (target.kind) {
    case 'tcp':
      // DLE EOT is ESC/POS; a STAR printer in line mode would not answer it
      return tcpTransport(target, { ...opts.tcp, queryStatus: (opts.tcp?.queryStatus ?? true) && commandSet === 'epson' });
    case 'serial':
      return serialTransport(target, opts.serial);
    case 'os':
      return osQueueTransport(target, opts.os);
  }
}

export { describeFailure, PrintFailure } from './failure';
export { formatTransport, parseTransport } from './url';
export type { PrintTransport } from './types';
