import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CounterCore } from '../index';
import { dbState } from '../router/test-kit';
import { makeCore, seedShop, signIn, type TestCore } from '../test/fixtures';
import { guardFormula, unguardFormula } from './csv-formula';

describe('the CSV formula guard', () => {
  it('puts an apostrophe before text a spreadsheet would run, and reading it back always gives the original', () => {
    expect(guardFormula('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    expect(guardFormula('+44 jam')).toBe("'+44 jam");
    expect(guardFormula('-5% off')).toBe("'-5% off");
    expect(guardFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(guardFormula('\tcmd')).toBe("'\tcmd");
    expect(guardFormula("'=already")).toBe("''=already");
    for (const plain of ['Sourdough Loaf', "Baker's dozen", "'quoted'", 'a=b', '']) expect(guardFormula(plain)).toBe(plain);
    for (const text of ['=1+1', "'=1+1", "''@x", "Baker's dozen", "'plain", '-', "'"]) expect(unguardFormula(guardFormula(text))).toBe(text);
  });
});

describe('catalog CSV with formula-like names', () => {
  let t: TestCore;
  let core: CounterCore;

  beforeEach(async () => {
    t = makeCore();
    core = t.core;
    const shop = await seedShop(core);
    await signIn(core, shop, 'manager');
  });
  afterEach(() => t.cleanup());

  it('exports =HYPERLINK(...) as text and imports it back to the same name, changing nothing', async () => {
    await core.catalogEdit.save({
      name: '=HYPERLINK("http://evil.example","Click")',
      variants: [{ name: '+1 extra', sku: 'EVIL-1', priceCents: 100 }],
    });
    await core.catalogEdit.save({ name: "'=kept as typed", variants: [{ name: 'Default', sku: 'QUOTE-1', priceCents: 200 }] });
    const csv = core.catalogEdit.exportCsv();
    const lines = csv.text.split(/\r?\n/);
    expect(lines).toContain(`"'=HYPERLINK(""http://evil.example"",""Click"")",'+1 extra,EVIL-1,,1.00,,standard,no,0`);
    expect(lines).toContain("''=kept as typed,Default,QUOTE-1,,2.00,,standard,no,0");
    expect(lines.filter((l) => /^"?[=+\-@]/.test(l))).toEqual([]);

    const preview = core.catalogEdit.previewImport({ text: csv.text });
    expect(preview.counts).toMatchObject({ create: 0, update: 0, error: 0 });
    const before = dbState(core);
    await core.catalogEdit.applyImport({ text: csv.text });
    expect(dbState(core)).toEqual(before);
    expect(core.catalogEdit.list({ q: 'EVIL-1' })[0]).toMatchObject({ name: '=HYPERLINK("http://evil.example","Click")', variants: [expect.objectContaining({ name: '+1 extra' })] });
  });
});
