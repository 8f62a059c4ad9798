import { describe, expect, it } from 'vitest';
import { looksLikeReceiptNumber, receiptNumberFrom } from './receipt-lookup';

describe('receipt lookup by scan or typing', () => {
  it('takes the number from the QR code URL printed on the receipt', () => {
    expect(receiptNumberFrom('http://localhost:3000/r/A1-000042')).toBe('A1-000042');
    expect(receiptNumberFrom('https://makeries.example/r/A1%2D000042?x=1')).toBe('A1-000042');
  });

  it('passes a typed number through and tells it from a product search', () => {
    expect(receiptNumberFrom('  a1-42 ')).toBe('a1-42');
    expect(looksLikeReceiptNumber('a1-42')).toBe(true);
    expect(looksLikeReceiptNumber('sourdough')).toBe(false);
    expect(looksLikeReceiptNumber('5012345000018')).toBe(false);
  });
});
