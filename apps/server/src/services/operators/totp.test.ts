import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, matchTotp, otpauthUri, stepAt, totpAt } from './totp';

/** RFC 6238 Appendix B: the SHA1 seed is the ASCII string "12345678901234567890", 8 digits, 30-second steps. */
const RFC_SECRET = Buffer.from('12345678901234567890', 'ascii');
const RFC_VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238 over RFC 4226)', () => {
  it.each(RFC_VECTORS)('gives the RFC 6238 Appendix B SHA1 value at T=%i', (t, expected) => {
    expect(hotp(RFC_SECRET, stepAt(new Date(t * 1000)), 8)).toBe(expected);
  });

  it('gives the RFC 4226 Appendix D HOTP values (6 digits)', () => {
    const d = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expect(d.map((_, i) => hotp(RFC_SECRET, i))).toEqual(d);
  });

  it('reads a base32 secret the way authenticator apps do: the RFC seed as base32 gives the same codes', () => {
    const b32 = base32Encode(RFC_SECRET);
    expect(b32).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    // the 6-digit code at T=59 is the last six digits of the 8-digit one
    expect(totpAt(b32, new Date(59_000))).toBe('287082');
  });

  it('round-trips bytes through base32 for every length, ignoring case, spaces, dashes and padding', () => {
    for (let n = 0; n <= 41; n++) {
      const bytes = Buffer.from(Array.from({ length: n }, (_, i) => (i * 37 + n * 11) & 255));
      const text = base32Encode(bytes);
      expect(text).toMatch(/^[A-Z2-7]*$/);
      expect(base32Decode(text).equals(bytes)).toBe(true);
      expect(base32Decode(text.toLowerCase()).equals(bytes)).toBe(true);
    }
    // RFC 4648 §10 test vectors
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('mzxw 6ytb-oi======').toString()).toBe('foobar');
    expect(() => base32Decode('MZXW1')).toThrow(/not base32/);
  });

  it('accepts a code from the step before or after (clock drift) but not two steps away, and never a spent step', () => {
    const secret = base32Encode(RFC_SECRET);
    const now = new Date(1_700_000_000_000);
    const step = stepAt(now);
    const at = (d: number) => totpAt(secret, new Date(now.getTime() + d * 30_000));
    expect(matchTotp(secret, at(0), now, 0)).toBe(step);
    expect(matchTotp(secret, at(-1), now, 0)).toBe(step - 1);
    expect(matchTotp(secret, at(1), now, 0)).toBe(step + 1);
    expect(matchTotp(secret, at(-2), now, 0)).toBeNull();
    expect(matchTotp(secret, at(2), now, 0)).toBeNull();
    // once a step is accepted, neither it nor an older one counts again (RFC 6238 §5.2)
    expect(matchTotp(secret, at(0), now, step)).toBeNull();
    expect(matchTotp(secret, at(-1), now, step)).toBeNull();
    expect(matchTotp(secret, at(1), now, step)).toBe(step + 1);
    expect(matchTotp(secret, '12345', now, 0)).toBeNull();
    expect(matchTotp(secret, 'abcdef', now, 0)).toBeNull();
  });

  it('describes the secret in an otpauth:// URI any authenticator app scans', () => {
    const uri = new URL(otpauthUri('GEZDGNBVGY3TQOJQ', 'ops@makeries.example'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Makeries:ops@makeries.example');
    expect(Object.fromEntries(uri.searchParams)).toEqual({ secret: 'GEZDGNBVGY3TQOJQ', issuer: 'Makeries', algorithm: 'SHA1', digits: '6', period: '30' });
  });
});
