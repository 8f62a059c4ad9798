import { createServer, type Server, type Socket } from 'node:net';

/** What the fake answers to DLE EOT: a ready printer, one out of paper, or one with its cover open. */
export type FakePrinterStatus = 'online' | 'paper_out' | 'cover_open';

export interface FakePrinterOptions {
  /** 0 (default) picks a free port the first time; later starts reuse it */
  port?: number;
  /** answer DLE EOT status queries (default true); false = an old printer that ignores them */
  answersStatus?: boolean;
  /** how long after a whole job arrived the printer closes its side, i.e. confirms it (default 0) */
  closeDelayMs?: number;
}

const STATUS: Record<FakePrinterStatus, Record<number, number>> = {
  // n=1 printer, n=2 offline cause, n=3 error, n=4 paper roll sensor (bits 1 and 4 always set)
  online: { 1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12 },
  paper_out: { 1: 0x1a, 2: 0x32, 3: 0x12, 4: 0x72 },
  cover_open: { 1: 0x1a, 2: 0x16, 3: 0x12, 4: 0x12 },
};

/**
 * A loopback ESC/POS network printer for tests. Each connection's bytes up to the client's end are one job;
 * leading `DLE EOT n` status queries are answered (real-time commands, never printed) and not part of the job.
 * It can run out of paper (jobs sent then are swallowed, like a printer that buffers and never prints), reset
 * connections after N job bytes, and be stopped (connections refused) and started again on the same port.
 */
export class FakePrinter {
  /** complete jobs, in the order their connections ended */
  readonly jobs: Buffer[] = [];
  /** jobs that arrived while out of paper or cover open: received but never printed */
  readonly swallowed: Buffer[] = [];
  /** how many status queries were answered */
  statusQueries = 0;
  connections = 0;
  status: FakePrinterStatus = 'online';
  answersStatus: boolean;
  /** a slow printer: the job is on paper, but the sender hears so only this much later */
  closeDelayMs: number;
  /** called as each job lands on paper, before the printer confirms it (a crash test kills the counter here) */
  onPrinted: ((job: Buffer) => void) | null = null;

  private server: Server | null = null;
  private sockets = new Set<Socket>();
  private resets: number[] = [];
  private waiters = new Set<() => void>();
  private portNumber: number;

  constructor(opts: FakePrinterOptions = {}) {
    this.portNumber = opts.port ?? 0;
    this.answersStatus = opts.answersStatus ?? true;
    this.closeDelayMs = opts.closeDelayMs ?? 0;
  }

  get port(): number {
    return this.portNumber;
  }

  get url(): string {
    return `tcp://127.0.0.1:${this.portNumber}`;
  }

  get running(): boolean {
    return this.server !== null;
  }

  /** Listens (again) on the same port. */
  async start(): Promise<this> {
    if (this.server) return this;
    const server = createServer((s) => this.serve(s));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.portNumber, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const addr = server.address();
    if (addr && typeof addr === 'object') this.portNumber = addr.port;
    this.server = server;
    return this;
  }

  /** Stops listening and drops open connections: the printer is off (new connections are refused). */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The next connection is reset (TCP RST) after it has received `bytes` job bytes; call again for more. */
  resetAfter(bytes: number): void {
    this.resets.push(bytes);
  }

  /** Resolves once `count` jobs have printed; rejects after `ms` so a broken test fails instead of hanging. */
  waitForJobs(count: number, ms = 10_000): Promise<Buffer[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.jobs.length < count) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(this.jobs.slice(0, count));
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`the fake printer got ${this.jobs.length} job(s), expected ${count}`));
      }, ms);
      this.waiters.add(check);
      check();
    });
  }

  private serve(socket: Socket): void {
    this.connections++;
    this.sockets.add(socket);
    const resetAt = this.resets.shift();
    const chunks: Buffer[] = [];
    let jobBytes = 0;
    let pending: Buffer = Buffer.alloc(0);
    let inJob = false;
    socket.on('data', (data: Buffer) => {
      pending = Buffer.concat([pending, data]);
      if (!inJob) pending = this.answerQueries(socket, pending);
      if (pending.length === 0 || (!inJob && pending[0] === 0x10 && pending.length < 3)) return;
      inJob = true;
      chunks.push(pending);
      jobBytes += pending.length;
      pending = Buffer.alloc(0);
      if (resetAt !== undefined && jobBytes >= resetAt) socket.resetAndDestroy();
    });
    socket.on('end', () => {
      const job = Buffer.concat(chunks);
      const printed = job.length > 0 && this.status === 'online';
      if (printed) this.jobs.push(job);
      else if (job.length > 0) this.swallowed.push(job);
      if (printed) this.onPrinted?.(job);
      if (this.closeDelayMs > 0) setTimeout(() => socket.end(), this.closeDelayMs);
      else socket.end();
      for (const w of [...this.waiters]) w();
    });
    socket.on('error', () => {});
    socket.on('close', () => this.sockets.delete(socket));
  }

  /** Answers leading DLE EOT n queries; returns what is left. */
  private answerQueries(socket: Socket, buf: Buffer): Buffer {
    let rest = buf;
    while (rest.length >= 3 && rest[0] === 0x10 && rest[1] === 0x04) {
      const n = rest[2] ?? 0;
      rest = rest.subarray(3);
      if (!this.answersStatus) continue;
      const answer = STATUS[this.status][n];
      if (answer !== undefined) {
        this.statusQueries++;
        socket.write(Buffer.from([answer]));
      }
    }
    return rest;
  }
}

/** A started fake printer on a free loopback port. */
export async function startFakePrinter(opts: FakePrinterOptions = {}): Promise<FakePrinter> {
  return new FakePrinter(opts).start();
}
