import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import type { ReceiptDocumentInput } from './document';
import { formatRate, tenderLabel } from './labels';
import { fitLogo, logoDots, logoFromArt } from './logo';
import { parseReceiptDocument } from './parse';

function badInput(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('BAD_INPUT');
    return e as AppError;
  }
  throw new Error('expected BAD_INPUT');
}

const sale = (): Extract<ReceiptDocumentInput, { kind: 'receipt' }> => ({
  kind: 'receipt',
  type: 'sale',
  store: { name: 'Café Müller' },
  currency: 'GBP',
  locale: 'en-GB',
  number: 'A1-000001',
  issuedAt: '2025-05-01T09:00:00.000Z',
  registerCode: 'A1',
  staffName: 'Cas',
  taxMode: 'inclusive',
  lines: [
    { name: 'Loaf', soldBy: 'each', quantity: 1, unitPriceCents: 450, grossCents: 450, totalCents: 450, taxRateBps: 0 },
    { name: 'Croissant', soldBy: 'each', quantity: 2, unitPriceCents: 195, grossCents: 390, totalCents: 390, taxRateBps: 2000 },
  ],
  subtotalCents: 840,
  discountCents: 0,
  taxes: [{ label: 'VAT 20%', rateBps: 2000, netCents: 325, taxCents: 65, grossCents: 390 }],
  taxCents: 65,
  totalCents: 840,
  roundingCents: 0,
  changeCents: 0,
});

describe('receipt document model', () => {
  it('fills defaults for what a receipt may leave out, and keeps its locale', () => {
    const doc = parseReceiptDocument(sale());
    expect(doc).toMatchObject({
      kind: 'receipt',
      locale: 'en-GB',
      timezone: 'UTC',
      store: { name: 'Café Müller', addressLines: [], phone: null, logo: null },
      reprint: null,
      refund: null,
      qr: null,
      footer: [],
    });
  });

  it('refuses a receipt whose lines or tax rows do not add up, naming the field', () => {
    const e = badInput(() => parseReceiptDocument({ ...sale(), totalCents: 841 }));
    expect(e.issues?.[0]).toMatchObject({ path: 'totalCents' });
    expect(e.message).toMatch(/add up to 840, not the total 841/);
    const t = badInput(() => parseReceiptDocument({ ...sale(), taxCents: 66 }));
    expect(t.issues?.map((i) => i.path)).toContain('taxes');
  });

  it('requires the refunded sale on a refund and only there', () => {
    badInput(() => parseReceiptDocument({ ...sale(), type: 'refund' }));
    badInput(() => parseReceiptDocument({ ...sale(), refund: { originalNumber: 'A1-000001', restocked: true } }));
    const ok = parseReceiptDocument({ ...sale(), type: 'refund', refund: { originalNumber: 'A1-000001', restocked: false } });
    expect(ok).toMatchObject({ refund: { originalNumber: 'A1-000001', reason: '', approvedByName: null } });
  });

  it('refuses amounts that are not whole cents, and QR data a printer cannot take byte for byte', () => {
    badInput(() => parseReceiptDocument({ ...sale(), subtotalCents: 840.5 }));
    const e = badInput(() => parseReceiptDocument({ ...sale(), qr: { data: 'https://x.example/r/Café' } }));
    expect(e.issues?.[0]?.path).toBe('qr.data');
  });

  it('refuses a Z report for a shift that was not closed and counted', () => {
    const report: ReceiptDocumentInput = {
      kind: 'shift_report',
      report: 'Z',
      store: { name: 'Crumb' },
      currency: 'GBP',
      locale: 'en-GB',
      registerCode: 'A1',
      openedAt: '2025-05-01T09:00:00.000Z',
      openedByName: 'Cas',
      printedAt: '2025-05-01T17:00:00.000Z',
      sales: { count: 0, grossBasis: 'tax_inclusive', grossCents: 0, discountCents: 0, netCents: 0, taxCents: 0, totalCents: 0, roundingCents: 0, takenCents: 0 },
      refunds: { count: 0, totalCents: 0, paidOutCents: 0 },
      afterRefundsCents: 0,
      tenders: [],
      noSaleCount: 0,
      cash: { floatCents: 0, salesCents: 0, refundsCents: 0, paidInCents: 0, paidOutCents: 0, expectedCents: 0 },
    };
    badInput(() => parseReceiptDocument(report));
    expect(parseReceiptDocument({ ...report, report: 'X' }).kind).toBe('shift_report');
  });

  it('labels tenders and tax rates the way staff read them', () => {
    expect([tenderLabel('cash'), tenderLabel('external_card'), tenderLabel('stripe_terminal')]).toEqual(['Cash', 'Card', 'Card (Stripe)']);
    expect([formatRate(2000), formatRate(1250), formatRate(550), formatRate(0), formatRate(10_000)]).toEqual(['20%', '12.5%', '5.5%', '0%', '100%']);
  });
});

describe('receipt logo', () => {
  const art = ['#.........#', '.#########.', '#.#.#.#.#.#'];

  it('keeps every dot through the packed 1-bit form', () => {
    const logo = logoFromArt(art);
    expect(logo).toMatchObject({ width: 11, height: 3 });
    expect(logoDots(logo).map((r) => r.map((d) => (d ? '#' : '.')).join(''))).toEqual(art);
  });

  it('refuses bits that do not match the size', () => {
    const logo = logoFromArt(art);
    const e = badInput(() => parseReceiptDocument({ ...sale(), store: { name: 'X', logo: { ...logo, height: 4 } } }));
    expect(e.issues?.[0]?.path).toBe('store.logo.bits');
  });

  it('shrinks a logo wider than the paper by a whole factor and leaves a fitting one alone', () => {
    const wide = logoFromArt([Array.from({ length: 600 }, (_, i) => (i % 2 === 0 ? '#' : '.')).join(''), '#'.repeat(600)]);
    const fitted = fitLogo(wide, 576);
    expect(fitted.width).toBe(300);
    expect(fitted.height).toBe(1);
    expect(logoDots(fitted)[0]?.every(Boolean)).toBe(true);
    const small = logoFromArt(art);
    expect(fitLogo(small, 384)).toBe(small);
  });
});
