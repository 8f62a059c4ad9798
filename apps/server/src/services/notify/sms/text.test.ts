import { describe, expect, it } from 'vitest';
import { smsLength, smsText } from './text';

const LINK = 'https://makeries.example/orders/01939b7e-8c1a-7d2e-9f00-123456789abc?t=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCd';

describe('text message length', () => {
  it('counts GSM-7 septets (extension characters twice) and UCS-2 code units, with the per-part headers', () => {
    expect(smsLength('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(smsLength('a'.repeat(161))).toEqual({ encoding: 'GSM-7', units: 161, segments: 2 });
    expect(smsLength('a'.repeat(306))).toMatchObject({ segments: 2 });
    expect(smsLength('a'.repeat(307))).toMatchObject({ segments: 3 });
    expect(smsLength('€'.repeat(80))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(smsLength('Café £3.50 à emporter')).toMatchObject({ encoding: 'GSM-7' });
    expect(smsLength('ę'.repeat(70))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(smsLength('ę'.repeat(71))).toEqual({ encoding: 'UCS-2', units: 71, segments: 2 });
    expect(smsLength('🥐'.repeat(35))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
  });
});

describe('a notification as a text', () => {
  it('is the title, the body and the link', () => {
    const text = smsText({ title: 'Order M-1042 is ready', body: 'Collect it at Crumb Bakery.', link: LINK });
    expect(text).toBe(`Order M-1042 is ready. Collect it at Crumb Bakery. ${LINK}`);
    // a guest's link with its token is most of it: two parts
    expect(smsLength(text)).toMatchObject({ encoding: 'GSM-7', segments: 2 });
  });

  it('keeps curly quotes and dashes from turning the text into UCS-2', () => {
    const text = smsText({ title: 'Baker’s Dozen accepted your order', body: 'Order M-7 is being prepared — we’ll tell you when it’s ready.', link: LINK });
    expect(text).toContain("Baker's Dozen");
    expect(text).toContain('prepared - we');
    expect(smsLength(text).encoding).toBe('GSM-7');
  });

  it('shortens a long body to fit two parts, never the link', () => {
    const body = 'Sorry, the shop could not take your order. '.repeat(12);
    const text = smsText({ title: 'Crumb Bakery could not take order M-9', body, link: LINK });
    expect(smsLength(text).segments).toBe(2);
    expect(text.endsWith(LINK)).toBe(true);
    expect(text).toContain('... https://');
    expect(text.startsWith('Crumb Bakery could not take order M-9. Sorry')).toBe(true);
  });

  it('a shop message in another script still fits in two UCS-2 parts', () => {
    const link = 'https://mk.example/p/zakwas';
    const text = smsText({ title: 'Zakwas Piekarnia', body: 'Zażółć gęślą jaźń. '.repeat(20), link });
    expect(smsLength(text)).toMatchObject({ encoding: 'UCS-2', segments: 2 });
    expect(text).toMatch(/^Zakwas Piekarnia\. Zażółć gęślą jaźń\. .*\.\.\. https:\/\/mk\.example\/p\/zakwas$/);
  });

  it('drops a body that cannot fit beside a long link, and keeps the title whole when it fits', () => {
    const text = smsText({ title: 'Zakwas Piekarnia', body: 'Zażółć gęślą jaźń. '.repeat(20), link: LINK });
    expect(text).toBe(`Zakwas Piekarnia. ${LINK}`);
  });
});
