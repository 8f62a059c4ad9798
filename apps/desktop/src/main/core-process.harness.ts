import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { createTRPCClient } from '@trpc/client';
import type { CounterRouter } from '../core/router/index';
import { ipcLink } from '../ipc/link';
import { fromEventTargetPort, type EventTargetPort } from '../ipc/port';
import { createPortTransport } from '../ipc/transport';

/*
 * Runs core-process.ts under plain Node for core-process.test.ts: `process.parentPort` and the MessagePortMain it
 * hands over are stood in for by an EventEmitter and node:worker_threads ports with Electron's event shape
 * ({ data, ports }). Usage: node --import tsx core-process.harness.ts DATA_DIR SERVER_URL
 */

const [dataDir = '', serverUrl = ''] = process.argv.slice(2);
const say = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);

const parent = Object.assign(new EventEmitter(), { postMessage: (message: unknown) => say({ fromCore: message }) });
Object.assign(process, { parentPort: parent });

/** Electron's MessagePortMain: an EventEmitter whose message events carry `data` */
function asMainPort(port: MessagePort) {
  const emitter = new EventEmitter();
  port.on('message', (data: unknown) => emitter.emit('message', { data, ports: [] }));
  port.on('close', () => emitter.emit('close'));
  return Object.assign(emitter, { postMessage: (m: unknown) => port.postMessage(m), start: () => port.start(), close: () => port.close() });
}

await import('./core-process');

const { port1, port2 } = new MessageChannel();
// connect before start: the core must hold the port until its database is open
parent.emit('message', { data: { type: 'connect' }, ports: [asMainPort(port1)] });
parent.emit('message', { data: { type: 'nonsense' }, ports: [] });
parent.emit('message', {
  data: { type: 'start', config: { dataDir, serverUrl, migrationsFolder: fileURLToPath(new URL('../core/db/migrations', import.meta.url)) } },
  ports: [],
});

const client = createTRPCClient<CounterRouter>({
  links: [ipcLink({ transport: createPortTransport(fromEventTargetPort(port2 as unknown as EventTargetPort)) })],
});
const status = await client.device.status.query();
const sale = await client.sales.inProgress.query();
const locked = await client.cart.current.query().catch((e: unknown) => (e as { data?: { appCode?: string } }).data?.appCode);
say({ answers: { paired: status.paired, sale, locked } });
parent.emit('message', { data: { type: 'shutdown' }, ports: [] });
