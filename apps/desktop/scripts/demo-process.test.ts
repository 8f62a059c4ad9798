import { afterEach, describe, expect, it } from 'vitest';
import { demoProcess, type DemoProcess } from './demo-process';

/* `pnpm start`'s process handling: the marketplace may go away and come back while the counter keeps running. */

const IDLE = { command: process.execPath, args: ['-e', 'setInterval(() => {}, 1000)'], cwd: process.cwd(), stdio: 'ignore' as const };
const started: DemoProcess[] = [];

afterEach(async () => {
  for (const p of started.splice(0)) await p.stop();
});

function idle(name: string, onExit: (how: string) => void = () => {}): DemoProcess {
  const p = demoProcess({ name, ...IDLE }, onExit);
  started.push(p);
  p.start();
  return p;
}

function exited(p: DemoProcess): Promise<void> {
  return new Promise((resolve) => {
    const poll = setInterval(() => {
      if (!p.running) {
        clearInterval(poll);
        resolve();
      }
    }, 20);
  });
}

describe('demo processes', () => {
  it('the marketplace dying leaves the counter running, says how, and starts again on request', async () => {
    const exits: string[] = [];
    const server = idle('the marketplace', (how) => exits.push(how));
    const counter = idle('the counter');
    const firstPid = server.pid;
    expect(firstPid).toBeTypeOf('number');

    process.kill(firstPid as number, 'SIGKILL');
    await exited(server);

    expect(exits).toEqual(['SIGKILL']);
    expect(counter.running).toBe(true);

    server.start();
    expect(server.running).toBe(true);
    expect(server.pid).not.toBe(firstPid);
    expect(counter.running).toBe(true);
  });

  it('a stop that was asked for is not reported as a crash, and starting twice runs one process', async () => {
    const exits: string[] = [];
    const server = idle('the marketplace', (how) => exits.push(how));
    const pid = server.pid;
    server.start();
    expect(server.pid).toBe(pid);

    await server.stop();
    expect(server.running).toBe(false);
    expect(exits).toEqual([]);
    await server.stop(); // already stopped: resolves at once
  });
});
