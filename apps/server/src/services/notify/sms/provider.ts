/**
 * How we hand a text to an SMS provider (issue 18). A provider answers with its message id, or throws an
 * SmsSendError saying whether trying again later can help.
 */
export interface SmsProvider {
  send(message: { to: string; body: string }): Promise<{ id: string }>;
}

/**
 * Permanent (the same text to the same number will never go): `invalid_number` (not a number that takes texts),
 * `opted_out` (the number unsubscribed at the provider or its carrier — Twilio 21610), `unauthorised` (our
 * credentials or sender are refused), `rejected` (any other refusal of this message).
 * Transient (retry with backoff): `rate_limited` (HTTP 429 / Twilio 20429), `unavailable` (5xx), `network`.
 */
export type SmsErrorKind = 'invalid_number' | 'opted_out' | 'unauthorised' | 'rejected' | 'rate_limited' | 'unavailable' | 'network';

const TRANSIENT: ReadonlySet<SmsErrorKind> = new Set(['rate_limited', 'unavailable', 'network']);

export class SmsSendError extends Error {
  readonly kind: SmsErrorKind;
  /** the provider's own error code (Twilio's `code`), when it gave one */
  readonly providerCode: number | null;

  constructor(kind: SmsErrorKind, message: string, providerCode: number | null = null) {
    super(message);
    this.name = 'SmsSendError';
    this.kind = kind;
    this.providerCode = providerCode;
  }

  get transient(): boolean {
    return TRANSIENT.has(this.kind);
  }
}
