import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { LOYALTY_QR_PREFIX } from '@makeries/shared';
import QRCode from 'qrcode';
import type { Env } from '../../env';

/**
 * The code a customer shows at the counter: `MKL1.<customer id>.<HMAC>` — it names the customer and cannot be
 * made up for another one without the server's key (APP_SECRET). The same code every time, so it may live in a
 * screenshot; a scanned code only identifies the customer, it pays for nothing.
 */
function key(env: Env): Buffer {
  return createHash('sha256').update('makeries/loyalty-card/v1\0').update(env.appSecret).digest();
}

function mac(env: Env, customerId: string): string {
  return createHmac('sha256', key(env)).update(customerId).digest('base64url').slice(0, 22);
}

function loyaltyCardToken(env: Env, customerId: string): string {
  return `${LOYALTY_QR_PREFIX}${customerId}.${mac(env, customerId)}`;
}

/** The customer id a scanned token names, or null for anything else (a typo, a forged or foreign code). */
export function customerOfLoyaltyToken(env: Env, token: string): string | null {
  const m = /^MKL1\.([0-9a-f-]{36})\.([A-Za-z0-9_-]{22})$/.exec(token.trim());
  if (!m?.[1] || !m[2]) return null;
  const expected = Buffer.from(mac(env, m[1]));
  const given = Buffer.from(m[2]);
  return given.length === expected.length && timingSafeEqual(given, expected) ? m[1] : null;
}

/** The QR code's modules ("1" dark, "0" light, row by row) for the page to draw; no markup crosses the wire. */
export function loyaltyQr(env: Env, customerId: string): { token: string; size: number; modules: string } {
  const token = loyaltyCardToken(env, customerId);
  const qr = QRCode.create(token, { errorCorrectionLevel: 'M' });
  const bits: string[] = [];
  for (let i = 0; i < qr.modules.size * qr.modules.size; i++) bits.push(qr.modules.data[i] ? '1' : '0');
  return { token, size: qr.modules.size, modules: bits.join('') };
}
