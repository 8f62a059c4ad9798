import { describe, expect, it } from 'vitest';
import { receiptEmailArgs, receiptTextLines, receiptTextSchema, storeSettingsPatch } from './store-settings';

describe('store settings schemas', () => {
  it('tidies receipt text (line ends, trailing spaces, blank edges) and prints only its non-empty lines', () => {
    const t = receiptTextSchema.parse('\r\n Open daily  \r\n\r\nharbour.example \n');
    expect(t).toBe('Open daily\n\nharbour.example');
    expect(receiptTextLines(t)).toEqual(['Open daily', 'harbour.example']);
    expect(receiptTextLines('')).toEqual([]);
  });

  it('refuses receipt text a receipt cannot hold: too many lines, a line too wide', () => {
    expect(receiptTextSchema.safeParse('1\n2\n3\n4\n5\n6\n7').success).toBe(false);
    expect(receiptTextSchema.safeParse('x'.repeat(49)).success).toBe(false);
    expect(receiptTextSchema.safeParse('x'.repeat(48)).success).toBe(true);
  });

  it('needs at least one field, and checks each like the vendor profile does', () => {
    expect(storeSettingsPatch.safeParse({}).success).toBe(false);
    expect(storeSettingsPatch.safeParse({ name: '  ' }).success).toBe(false);
    expect(storeSettingsPatch.safeParse({ openingHours: [{ day: 1, open: '17:00', close: '09:00' }] }).success).toBe(false);
    expect(storeSettingsPatch.parse({ email: 'Hello@Shop.Example' })).toEqual({ email: 'hello@shop.example' });
  });

  it('takes a receipt email address in lower case and refuses one that is not an address', () => {
    const base = { id: '0190a0a0-0000-7000-8000-000000000001', orderId: '0190a0a0-0000-7000-8000-000000000002', staffId: '0190a0a0-0000-7000-8000-000000000003', requestedAt: '2026-11-22T10:00:00.000Z' };
    expect(receiptEmailArgs.parse({ ...base, to: 'Ada@Example.test' }).to).toBe('ada@example.test');
    expect(receiptEmailArgs.safeParse({ ...base, to: 'ada@' }).success).toBe(false);
    expect(receiptEmailArgs.safeParse({ ...base, to: 'ada@example.test\r\nBcc: x@y.z' }).success).toBe(false);
  });

  it('takes the sold-out policy and blind close, and refuses a policy it does not know', () => {
    expect(storeSettingsPatch.parse({ soldOutPolicy: 'block', blindClose: false })).toEqual({ soldOutPolicy: 'block', blindClose: false });
    const bad = storeSettingsPatch.safeParse({ soldOutPolicy: 'sometimes' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('Choose warn, block or allow for selling sold-out items');
    expect(storeSettingsPatch.safeParse({ blindClose: 'yes' }).success).toBe(false);
  });
});
