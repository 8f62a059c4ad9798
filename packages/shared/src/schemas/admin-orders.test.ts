import { describe, expect, it } from 'vitest';
import { adminOrderRefundInput, evidenceDueLabel } from './admin-orders';

const now = new Date('2026-12-07T06:00:00Z');
const london = { timeZone: 'Europe/London', locale: 'en-GB' };

describe('evidenceDueLabel', () => {
  it('counts calendar days in the market time zone and shows the date', () => {
    expect(evidenceDueLabel('2026-12-10T23:59:59Z', now, london)).toBe('Evidence due in 3 days — 10 Dec');
    expect(evidenceDueLabel('2026-12-07T23:00:00Z', now, london)).toBe('Evidence due today — 7 Dec');
    expect(evidenceDueLabel('2026-12-08T01:00:00Z', now, london)).toBe('Evidence due tomorrow — 8 Dec');
    expect(evidenceDueLabel('2026-12-06T10:00:00Z', now, london)).toBe('Evidence was due yesterday — 6 Dec');
    expect(evidenceDueLabel('2026-12-04T10:00:00Z', now, london)).toBe('Evidence was due 3 days ago — 4 Dec');
  });
});

describe('adminOrderRefundInput', () => {
  const base = { orderId: '01890000-0000-7000-8000-0000000000aa', idempotencyKey: 'refund-dialog-1', reason: 'Shop did not answer' };
  it('takes an amount or lines, not both and not neither', () => {
    expect(adminOrderRefundInput.safeParse({ ...base, amountCents: 250 }).success).toBe(true);
    expect(adminOrderRefundInput.safeParse({ ...base, lines: [{ lineId: base.orderId, quantity: 1 }] }).success).toBe(true);
    expect(adminOrderRefundInput.safeParse(base).success).toBe(false);
    expect(adminOrderRefundInput.safeParse({ ...base, amountCents: 1, lines: [{ lineId: base.orderId, quantity: 1 }] }).success).toBe(false);
  });
  it('refuses fractions, zero and a missing reason', () => {
    expect(adminOrderRefundInput.safeParse({ ...base, amountCents: 2.5 }).success).toBe(false);
    expect(adminOrderRefundInput.safeParse({ ...base, amountCents: 0 }).success).toBe(false);
    expect(adminOrderRefundInput.safeParse({ ...base, reason: '  ', amountCents: 5 }).success).toBe(false);
  });
});
