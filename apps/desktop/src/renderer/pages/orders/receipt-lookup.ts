import { parseReceiptNumber } from '@makeries/shared';

/**
 * What a scanned or typed receipt reference is: the receipt number itself ("A1-000042", "a1-42"), or the
 * lookup URL printed as the receipt's QR code (".../r/A1-000042"), from which the number is taken.
 */
export function receiptNumberFrom(scanned: string): string {
  const text = scanned.trim();
  const m = /\/r\/([^/?#]+)/.exec(text);
  if (m?.[1]) {
    try {
      return decodeURIComponent(m[1]);
    } catch {
      return m[1];
    }
  }
  return text;
}

/** A receipt number as typed: register code, a dash, a sequence number. */
export function looksLikeReceiptNumber(text: string): boolean {
  return parseReceiptNumber(receiptNumberFrom(text)) !== null;
}
