/**
 * Why a print attempt failed, in the words staff read on the queue screen. `retryable` failures put the job
 * back in the queue with backoff; the others mark it failed until staff fix the cause and press retry.
 */
export type PrintFailureKind = 'offline' | 'paper_out' | 'not_ready' | 'reset' | 'timeout' | 'unavailable' | 'refused';

const MESSAGES: Record<PrintFailureKind, string> = {
  offline: 'Printer offline',
  paper_out: 'Paper out',
  not_ready: 'Printer not ready (cover open or error light on)',
  reset: 'Connection reset',
  timeout: 'Printer not answering',
  unavailable: 'The system print queue is not available on this computer',
  refused: 'The system print queue refused the job',
};

export class PrintFailure extends Error {
  readonly kind: PrintFailureKind;
  readonly retryable: boolean;
  /** the failure came after bytes were handed to the printer (or its queue): the job may have printed */
  readonly mayHaveSent: boolean;

  constructor(kind: PrintFailureKind, opts: { detail?: string; retryable?: boolean; cause?: unknown; mayHaveSent?: boolean } = {}) {
    super(opts.detail ? `${MESSAGES[kind]}: ${opts.detail}` : MESSAGES[kind], opts.cause === undefined ? {} : { cause: opts.cause });
    this.name = 'PrintFailure';
    this.kind = kind;
    this.retryable = opts.retryable ?? kind !== 'unavailable';
    this.mayHaveSent = opts.mayHaveSent ?? false;
  }
}

/** The same failure, known to have happened once bytes were on their way (a retry could print or kick twice). */
export function afterSending(e: unknown): PrintFailure {
  const f = e instanceof PrintFailure ? e : failureFromSystemError(e);
  if (f.mayHaveSent) return f;
  const detail = f.message.includes(': ') ? f.message.slice(f.message.indexOf(': ') + 2) : undefined;
  return new PrintFailure(f.kind, { ...(detail ? { detail } : {}), retryable: f.retryable, cause: f.cause ?? e, mayHaveSent: true });
}

/**
 * Anything a transport threw, as a message for staff; unknown errors are retried (a printer is flaky, not broken)
 * but count as possibly sent, since nothing says where they happened.
 */
export function describeFailure(e: unknown): { message: string; retryable: boolean; mayHaveSent: boolean } {
  if (e instanceof PrintFailure) return { message: e.message, retryable: e.retryable, mayHaveSent: e.mayHaveSent };
  const text = e instanceof Error ? e.message : String(e);
  return { message: `Printing failed: ${text.slice(0, 200)}`, retryable: true, mayHaveSent: true };
}

/** Node socket / serial error codes → what happened to the printer. */
export function failureFromSystemError(e: unknown): PrintFailure {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ECONNREFUSED':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EHOSTDOWN':
    case 'ENETDOWN':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EADDRNOTAVAIL':
      return new PrintFailure('offline', { cause: e });
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ECONNABORTED':
      return new PrintFailure('reset', { cause: e });
    case 'ETIMEDOUT':
      return new PrintFailure('timeout', { cause: e });
    default:
      return new PrintFailure('offline', { detail: e instanceof Error ? e.message : String(e), cause: e });
  }
}
