import { contextBridge, ipcRenderer } from 'electron';
import type { InstallAnswer, MakeriesBridge, UpdateState } from '../ipc/bridge';
import { CHANNELS, VERSION_ARG } from '../ipc/channels';
import { createDeferredPort, fromEventTargetPort, type EventTargetPort } from '../ipc/port';
import { createPortTransport } from '../ipc/transport';

/*
 * Runs sandboxed with context isolation: the page gets `window.makeries` and nothing else — no ipcRenderer, no
 * Node. tRPC goes over a MessagePort straight to the core's utility process; main only hands the port over.
 */

const port = createDeferredPort();
// typed by hand: Electron's `event.ports` (DOM MessagePort) does not resolve in this Node-side project
ipcRenderer.on(CHANNELS.corePort, (event: { ports: readonly EventTargetPort[] }) => {
  const received = event.ports[0];
  if (received) port.attach(fromEventTargetPort(received));
});
ipcRenderer.send(CHANNELS.connectCore);
const transport = createPortTransport(port);

const version = process.argv.find((a) => a.startsWith(VERSION_ARG))?.slice(VERSION_ARG.length) ?? '0.0.0';

const bridge = {
  trpc: {
    request: (op) => transport.request(op),
    subscribe: (op, onEvent) => transport.subscribe(op, onEvent),
  },
  app: {
    version,
    platform: process.platform,
    onUpdateState(listener) {
      const forward = (_event: unknown, state: UpdateState) => listener(state);
      ipcRenderer.on(CHANNELS.updateStateChanged, forward);
      void (ipcRenderer.invoke(CHANNELS.updateState) as Promise<UpdateState>).then(listener);
      return () => {
        ipcRenderer.removeListener(CHANNELS.updateStateChanged, forward);
      };
    },
    installUpdateNow: () => ipcRenderer.invoke(CHANNELS.installUpdate) as Promise<InstallAnswer>,
  },
} satisfies MakeriesBridge;

contextBridge.exposeInMainWorld('makeries', bridge);
