import { setMarketLocale, BRIDGE_STATES } from '@makeries/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasLink, importButtonText, isBusy, matchChoices, progressPercent, progressText, stateWords } from './bridge-words';

beforeAll(() => setMarketLocale('en-GB'));

describe('the point-of-sale link in the shop’s words', () => {
  it('says every state with a badge and a sentence', () => {
    for (const s of BRIDGE_STATES) {
      expect(stateWords(s).badge.length, s).toBeGreaterThan(0);
      expect(stateWords(s).text.length, s).toBeGreaterThan(20);
    }
    expect(stateWords('in_step')).toMatchObject({ badge: 'In step', color: 'green' });
    expect(stateWords('error').color).toBe('red');
  });

  it('shows progress as "1,200 of 5,000", or the count alone while Square has not said how many', () => {
    expect(progressText({ phase: 'fetching', done: 1200, total: 5000 })).toBe('1,200 of 5,000 read from Square');
    expect(progressText({ phase: 'applying', done: 530, total: 530 })).toBe('530 of 530 imported');
    expect(progressText({ phase: 'fetching', done: 300, total: 0 })).toBe('300 read from Square');
    expect(progressPercent({ phase: 'fetching', done: 1200, total: 5000 })).toBe(24);
    expect(progressPercent({ phase: 'fetching', done: 300, total: 0 })).toBeNull();
    expect(progressPercent({ phase: 'applying', done: 6, total: 5 })).toBe(100);
  });

  it('follows the status only while the marketplace works, and shows the log once Square’s catalog has been read', () => {
    expect(BRIDGE_STATES.filter(isBusy)).toEqual(['importing', 'applying']);
    expect(BRIDGE_STATES.filter((s) => !hasLink(s))).toEqual(['not_configured', 'not_connected', 'choose_location']);
  });

  it('offers "Create new products" by default and a key only when it finds products', () => {
    const choices = matchChoices({ matches: { sku: 12, barcode: 0 } });
    expect(choices.map((c) => [c.value, c.label, c.disabled])).toEqual([
      ['none', 'Create new products', false],
      ['sku', 'Link by SKU (12 found)', false],
      ['barcode', 'Link by barcode (0 found)', true],
    ]);
    const preview = { products: 1412, matches: { sku: 12, barcode: 0 } };
    expect(importButtonText(preview, 'none')).toBe('Import 1,412 products');
    expect(importButtonText(preview, 'sku')).toBe('Import 1,412 products, 12 linked');
    expect(importButtonText({ products: 1, matches: { sku: 0, barcode: 0 } }, 'none')).toBe('Import 1 product');
  });
});
