import { setMarketLocale, BRIDGE_STATES } from '@makeries/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasLink, importButtonText, isBusy, isLinked, matchChoices, posName, progressPercent, progressText, providerPitch, readOnlyNote, sectionLead, stateWords, webOrdersWords } from './bridge-words';

beforeAll(() => setMarketLocale('en-GB'));

describe('the point-of-sale link in the shop’s words', () => {
  it('says every state with a badge and a sentence', () => {
    for (const s of BRIDGE_STATES) {
      expect(stateWords(s, 'Square').badge.length, s).toBeGreaterThan(0);
      expect(stateWords(s, 'Square').text.length, s).toBeGreaterThan(20);
    }
    expect(stateWords('in_step', 'Square')).toMatchObject({ badge: 'In step', color: 'green' });
    expect(stateWords('error', 'Square').color).toBe('red');
  });

  it('shows progress as "1,200 of 5,000", or the count alone while Square has not said how many', () => {
    expect(progressText({ phase: 'fetching', done: 1200, total: 5000 }, 'Square')).toBe('1,200 of 5,000 read from Square');
    expect(progressText({ phase: 'applying', done: 530, total: 530 }, 'Square')).toBe('530 of 530 imported');
    expect(progressText({ phase: 'fetching', done: 300, total: 0 }, 'Square')).toBe('300 read from Square');
    expect(progressPercent({ phase: 'fetching', done: 1200, total: 5000 })).toBe(24);
    expect(progressPercent({ phase: 'fetching', done: 300, total: 0 })).toBeNull();
    expect(progressPercent({ phase: 'applying', done: 6, total: 5 })).toBe(100);
  });

  it('follows the status only while the marketplace works, and shows the log once Square’s catalog has been read', () => {
    expect(BRIDGE_STATES.filter(isBusy)).toEqual(['importing', 'applying']);
    expect(BRIDGE_STATES.filter((s) => !hasLink(s))).toEqual(['not_configured', 'not_connected', 'choose_location']);
  });

  it('offers "Create new products" by default and a key only when it finds products', () => {
    const choices = matchChoices({ matches: { sku: 12, barcode: 0 } }, 'Square');
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

  it('names the connected point of sale in every sentence, with Square’s words as they always were', () => {
    expect(stateWords('in_step', 'Square').text).toBe('Square and this shop are in step: Square’s prices and stock show here, and sales here reach Square.');
    expect(stateWords('paused', 'Square').text).toBe('The link with Square is paused. Nothing is sent to or read from Square until it is resumed.');
    expect(stateWords('revoked', 'Square').text).toBe('This shop is no longer linked to Square. Sales are not sent to Square; the products that came from it stay here and can be edited again.');
    expect(stateWords('importing', 'Square').badge).toBe('Reading Square');
    for (const s of BRIDGE_STATES.filter(isLinked)) {
      const words = stateWords(s, 'Shopify');
      expect(`${words.badge} ${words.text}`, s).not.toMatch(/Square/);
    }
    expect(stateWords('choose_location', 'Toast').text).toBe('Toast is connected. Choose the Toast location that is this shop.');
    expect(stateWords('error', 'Shopify').text).toBe('The link with Shopify has stopped working.');
    expect(progressText({ phase: 'fetching', done: 40, total: 0 }, 'Toast')).toBe('40 read from Toast');
    expect(matchChoices({ matches: { sku: 2, barcode: 0 } }, 'Shopify').map((c) => c.description)).toEqual([
      'Every Shopify item becomes a new product. Products already in this shop stay as they are.',
      '2 products already in this shop with the same SKU will follow Shopify instead of being created again.',
      'No product in this shop has the barcode of a Shopify item.',
    ]);
    // before a link exists the words name no point of sale: the cards below offer them
    expect(`${stateWords('not_connected', 'Square').text} ${stateWords('not_configured', 'Square').text}`).not.toMatch(/Square/);
  });

  it('takes names from the offered list, and leads with the linked one or the ones on offer', () => {
    const providers = [
      { provider: 'square', name: 'Square', configured: true, connectKind: 'oauth' },
      { provider: 'shopify', name: 'Shopify', configured: false, connectKind: 'oauth_shop' },
      { provider: 'toast', name: 'Toast', configured: false, connectKind: 'partner' },
    ] as const;
    const list = [...providers];
    expect(posName({ provider: 'toast', providers: list })).toBe('Toast');
    // a shop still linked to a POS the marketplace no longer offers keeps its name
    expect(posName({ provider: 'shopify', providers: [] })).toBe('Shopify');
    const allSetUp = list.map((p) => ({ ...p, configured: true }));
    expect(sectionLead({ provider: 'square', providers: allSetUp, state: 'not_connected', capabilities: null })).toBe('Link Square, Shopify or Toast: its products, prices and stock in this shop; sales here and on the web shop back in it.');
    // only those set up on this marketplace are offered in words
    expect(sectionLead({ provider: 'square', providers: list, state: 'not_connected', capabilities: null })).toMatch(/^Link Square: /);
    expect(sectionLead({ provider: 'square', providers: list.slice(1), state: 'not_configured', capabilities: null })).toBe('A point of sale’s products, prices and stock in this shop, once the marketplace sets one up.');
    const all = { stockWrite: true, orderWrite: true };
    expect(sectionLead({ provider: 'toast', providers: list, state: 'in_step', capabilities: all })).toBe('Toast’s products, prices and stock in this shop; sales here and on the web shop back in Toast.');
    expect(sectionLead({ provider: 'toast', providers: list, state: 'in_step', capabilities: { stockWrite: false, orderWrite: false } })).toBe('Toast’s products, prices and stock in this shop.');
    expect(providerPitch('shopify')).toMatch(/Shopify/);
    expect(providerPitch('toast')).toMatch(/Toast menu/);
  });

  it('says plainly what a read-only connection does not do, and refuses web orders without order access', () => {
    const readOnly = { stockWrite: false, orderWrite: false };
    expect(readOnlyNote('toast', 'Toast', readOnly)).toBe('Read-only: this Toast connection imports the menu and follows stock, but sales here do not change Toast’s stock — adjust it in Toast.');
    expect(readOnlyNote('shopify', 'Shopify', { stockWrite: true, orderWrite: false })).toBe('No orders: this Shopify connection keeps stock in step, but may not create orders, so web orders reach Shopify as stock changes only.');
    expect(readOnlyNote('square', 'Square', { stockWrite: true, orderWrite: true })).toBeNull();
    expect(readOnlyNote('square', 'Square', null)).toBeNull();
    expect(stateWords('in_step', 'Toast', readOnly).text).toBe('Toast and this shop are in step: Toast’s prices and stock show here.');

    const refused = webOrdersWords('toast', 'Toast', false, readOnly);
    expect(refused).toEqual({ label: 'Show web orders in Toast', text: 'This Toast connection may not create orders, so web orders cannot show in Toast.', refused: 'To use it, connect Toast again and grant access to orders.' });
    // an option left on may still be turned off
    expect(webOrdersWords('toast', 'Toast', true, readOnly).refused).toBeNull();
  });

  it('mentions Square’s 1 % fee for Square only', () => {
    const all = { stockWrite: true, orderWrite: true };
    expect(webOrdersWords('square', 'Square', true, all).text).toBe('Web orders appear in Square as orders paid elsewhere, so staff can accept them and mark them ready there. Square charges 1 % on orders paid outside Square.');
    expect(webOrdersWords('square', 'Square', false, all).text).toBe('Off: web sales reach Square as stock adjustments only. Turn it on to see web orders in Square — Square charges 1 % on orders paid outside Square.');
    expect(webOrdersWords('shopify', 'Shopify', true, all).text).toBe('Web orders appear in Shopify as orders paid elsewhere, so staff can accept them and mark them ready there.');
    expect(webOrdersWords('shopify', 'Shopify', false, all)).toEqual({ label: 'Show web orders in Shopify', text: 'Off: web sales reach Shopify as stock adjustments only. Turn it on to see web orders in Shopify.', refused: null });
    expect(webOrdersWords('toast', 'Toast', false, { stockWrite: false, orderWrite: true }).text).toMatch(/^Off: web sales do not reach Toast/);
  });
});
