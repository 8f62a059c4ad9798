import { spawn, type ChildProcess } from 'node:child_process';

/*
 * One long-running demo process (the marketplace, the counter) that can be stopped and started again, so
 * `pnpm start` can take the marketplace away and bring it back while the counter keeps selling.
 */

export interface ProcessSpec {
  /** shown in messages, e.g. "the marketplace" */
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** 'inherit' in the demo (its output is the demo's); tests keep it quiet */
  stdio?: 'inherit' | 'ignore';
}

export interface DemoProcess {
  readonly name: string;
  /** true from start() until the process has exited */
  readonly running: boolean;
  readonly pid: number | undefined;
  /** starts it unless it is running */
  start(): void;
  /** SIGTERM to its whole process group; resolves once it has exited (at once if it is not running) */
  stop(): Promise<void>;
}

/** `how` is the exit code or the signal, e.g. "1" or "SIGKILL". */
export type ExitListener = (how: string) => void;

/**
 * `onExit` hears only of exits nobody asked for (a crash, a kill from another terminal); stop() is quiet.
 * The child leads its own process group, so stopping it stops whatever it started too.
 */
export function demoProcess(spec: ProcessSpec, onExit: ExitListener): DemoProcess {
  let child: ChildProcess | null = null;
  let stopping: Promise<void> | null = null;

  const alive = (c: ChildProcess | null): c is ChildProcess => c !== null && c.exitCode === null && c.signalCode === null;

  return {
    name: spec.name,
    get running() {
      return alive(child);
    },
    get pid() {
      return alive(child) ? child.pid : undefined;
    },
    start() {
      if (alive(child)) return;
      // never the keyboard: the demo reads its keys itself
      const out = spec.stdio ?? 'inherit';
      const c = spawn(spec.command, spec.args, { cwd: spec.cwd, stdio: ['ignore', out, out], detached: true, env: { ...process.env, ...spec.env } });
      child = c;
      c.once('exit', (code, signal) => {
        if (child === c) child = null;
        if (!stopping) onExit(String(signal ?? code));
      });
    },
    stop() {
      const c = child;
      if (!alive(c)) return Promise.resolve();
      stopping = new Promise<void>((done) => {
        c.once('exit', () => {
          stopping = null;
          done();
        });
        try {
          if (c.pid) process.kill(-c.pid, 'SIGTERM');
        } catch {
          // already gone
        }
      });
      return stopping;
    },
  };
}
