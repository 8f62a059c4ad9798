import { MessageChannelMain, utilityProcess, type MessagePortMain, type UtilityProcess } from 'electron';
import type { WebOrderEvent } from '../core/router/index';
import { isCoreToMain, type CoreStartConfig, type CoreToMain, type MainToCore } from './core-messages';

interface CoreReady {
  serverUrl: string;
  registerCode: string | null;
}

export interface CoreHostOptions {
  /** the built `core-process.js` */
  modulePath: string;
  config: CoreStartConfig;
  log: (line: string) => void;
  onWebOrder: (event: WebOrderEvent) => void;
  /** the core came back after a crash: every port handed out before is dead */
  onRestarted: () => void;
  /** it could not start, or kept crashing: the app cannot sell */
  onFatal: (message: string) => void;
}

export interface CoreHost {
  /** resolves once the core has opened its database; rejects only when it cannot (onFatal says why) */
  ready(): Promise<CoreReady>;
  /** a new port to the CounterRouter (one per renderer page, one for main) */
  connect(): MessagePortMain;
  /** asks the core to stop sync and close SQLite; kills it if it has not exited within `timeoutMs` */
  shutdown(timeoutMs?: number): Promise<void>;
}

/** More crashes than this within a minute and the counter stops restarting the core and says so. */
const MAX_CRASHES_PER_MINUTE = 3;

export function startCoreHost(opts: CoreHostOptions): CoreHost {
  let child: UtilityProcess;
  let stopping: Promise<void> | null = null;
  let fatal = false;
  let exited = false;
  const crashes: number[] = [];
  let settleReady!: { resolve: (r: CoreReady) => void; reject: (e: Error) => void };
  const readyPromise = new Promise<CoreReady>((resolve, reject) => {
    settleReady = { resolve, reject };
  });
  // nobody may be waiting on it when the core fails; onFatal reports that
  readyPromise.catch(() => {});
  const giveUp = (message: string) => {
    fatal = true;
    settleReady.reject(new Error(message));
    opts.onFatal(message);
  };

  const send = (message: MainToCore, ports?: MessagePortMain[]) => child.postMessage(message, ports);

  function spawn(): void {
    const proc = utilityProcess.fork(opts.modulePath, [], { serviceName: 'Makeries counter core', stdio: 'inherit' });
    child = proc;
    exited = false;
    proc.on('message', (message: unknown) => {
      if (!isCoreToMain(message)) return;
      handle(message);
    });
    proc.on('exit', (code) => {
      if (proc !== child) return;
      exited = true;
      if (stopping || fatal) return;
      onCrash(code);
    });
    send({ type: 'start', config: opts.config });
  }

  function handle(message: CoreToMain): void {
    switch (message.type) {
      case 'ready':
        settleReady.resolve({ serverUrl: message.serverUrl, registerCode: message.registerCode });
        break;
      case 'failed':
        giveUp(`The counter’s database could not be opened: ${message.message}`);
        break;
      case 'web-order':
        opts.onWebOrder(message.event);
        break;
      case 'closed':
        break;
    }
  }

  function onCrash(code: number): void {
    const now = Date.now();
    crashes.push(now);
    while (crashes.length > 0 && (crashes[0] ?? now) < now - 60_000) crashes.shift();
    opts.log(`counter core exited unexpectedly (code ${code}); crash ${crashes.length} this minute`);
    if (crashes.length > MAX_CRASHES_PER_MINUTE) {
      giveUp('The counter’s core keeps stopping. Restart Makeries Counter; if it happens again, contact support.');
      return;
    }
    spawn();
    opts.onRestarted();
  }

  spawn();

  return {
    ready: () => readyPromise,
    connect() {
      const { port1, port2 } = new MessageChannelMain();
      send({ type: 'connect' }, [port1]);
      return port2;
    },
    shutdown(timeoutMs = 10_000) {
      stopping ??= new Promise<void>((resolve) => {
        const proc = child;
        if (exited) {
          resolve();
          return;
        }
        const timer = setTimeout(() => {
          opts.log('the counter core did not stop in time; ending it');
          proc.kill();
        }, timeoutMs);
        proc.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        send({ type: 'shutdown' });
      });
      return stopping;
    },
  };
}
