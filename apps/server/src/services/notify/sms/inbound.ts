import { createHmac, timingSafeEqual } from 'node:crypto';
import type { DbOrTx } from '../../../db/client';
import { optInNumber, optOutNumber } from './consent';
import { readMobile } from './phone';

/** The carriers' and Twilio's opt-out and opt-in words (a text that is only the word, any case). */
const OPT_OUT = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT']);
const OPT_IN = new Set(['START', 'UNSTOP', 'YES']);

/**
 * Twilio's request signature: base64 HMAC-SHA1, keyed with the auth token, of the full URL Twilio called followed
 * by every POST parameter sorted by name, each as name + value with nothing between.
 */
export function twilioSignature(authToken: string, url: string, params: readonly (readonly [string, string])[]): string {
  const sorted = [...params].sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : av > bv ? 1 : 0) : a < b ? -1 : 1));
  return createHmac('sha1', authToken)
    .update(url + sorted.map(([k, v]) => k + v).join(''))
    .digest('base64');
}

export function validTwilioSignature(authToken: string, url: string, params: readonly (readonly [string, string])[], signature: string): boolean {
  const expected = Buffer.from(twilioSignature(authToken, url, params));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export type InboundOutcome = 'opted_out' | 'opted_in' | 'ignored';

/** What a text someone sent us means: STOP and its synonyms opt the number out everywhere, START back in. */
export async function handleInboundText(db: DbOrTx, country: string, from: string, body: string, now: Date): Promise<InboundOutcome> {
  const word = body.trim().replace(/[.!]+$/, '').toUpperCase();
  const isOut = OPT_OUT.has(word);
  if (!isOut && !OPT_IN.has(word)) return 'ignored';
  const number = readMobile(from, country);
  const phone = number.ok ? number.e164 : from.trim();
  if (!/^\+[1-9]\d{6,14}$/.test(phone)) return 'ignored';
  if (isOut) {
    await optOutNumber(db, phone, 'stop', now);
    return 'opted_out';
  }
  await optInNumber(db, phone, now);
  return 'opted_in';
}
