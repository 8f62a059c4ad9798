import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { hasControlCharacters, text } from './text';

const name = text({ max: 20, label: 'Names' });
const note = text({ max: 50, multiline: true, label: 'Notes' });

function refusal(schema: typeof name, value: string): string | undefined {
  const r = schema.safeParse(value);
  return r.success ? undefined : r.error.issues.map((i) => i.message).join('; ');
}

describe('text()', () => {
  it('trims and keeps the max length as before', () => {
    expect(name.parse('  Jam  ')).toBe('Jam');
    expect(refusal(name, 'x'.repeat(21))).toBeDefined();
    expect(text({ max: 5, min: 1, minMessage: 'Give it a name' }).safeParse('   ').error?.issues[0]?.message).toBe('Give it a name');
  });

  it('lets emoji, accents, right-to-left scripts and joined emoji through', () => {
    for (const ok of ['Crème brûlée', 'Łódź pierogi', '🍓 jam', '👩‍🍳 Chef', 'مربى الفراولة', '日本茶', 'Ångström']) {
      expect(name.parse(ok)).toBe(ok);
    }
  });

  it('lets multiline fields keep line breaks and tabs', () => {
    expect(note.parse('Line one\nLine two\r\n\tindented')).toBe('Line one\nLine two\r\n\tindented');
  });

  const refusedEverywhere: [string, string][] = [
    ['NUL', 'a\u0000b'],
    ['bell (C0)', 'a\u0007b'],
    ['escape (C0)', 'a\u001bb'],
    ['vertical tab', 'a\u000bb'],
    ['DEL', 'a\u007fb'],
    ['C1 control', 'a\u0085b'],
    ['C1 CSI', 'a\u009bb'],
    ['lone high surrogate', 'a\ud83cb'],
    ['lone low surrogate', 'a\udf53b'],
  ];
  it.each(refusedEverywhere)('refuses %s in single-line and multiline fields, with a human message', (_what, value) => {
    expect(refusal(name, value)).toBe('Names cannot contain control characters or invisible formatting characters');
    expect(refusal(note, value)).toBe('Notes cannot contain control characters or invisible formatting characters');
  });

  const refusedInSingleLine: [string, string][] = [
    ['line feed', 'a\nb'],
    ['tab', 'a\tb'],
    ['carriage return', 'a\rb'],
    ['line separator', 'a\u2028b'],
    ['paragraph separator', 'a\u2029b'],
    ['right-to-left override', 'Jam\u202Egnp.exe'],
    ['left-to-right embedding', 'a\u202Ab'],
    ['first strong isolate', 'a\u2068b'],
    ['pop directional isolate', 'a\u2069b'],
  ];
  it.each(refusedInSingleLine)('refuses %s in a single-line field but a note may hold it', (_what, value) => {
    expect(refusal(name, value)).toMatch(/^Names cannot contain control characters/);
    expect(refusal(note, value)).toBeUndefined();
  });

  it('refuses a NUL even at the edge, where trimming does not remove it', () => {
    expect(refusal(name, '\u0000Jam')).toBeDefined();
    expect(refusal(name, 'Jam\u0000')).toBeDefined();
  });

  it('keeps the path of the field in the issue', () => {
    const r = z.object({ shop: z.object({ name: name.optional() }) }).safeParse({ shop: { name: 'x\u0000' } });
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['shop.name']);
    expect(hasControlCharacters('ok')).toBe(false);
    expect(hasControlCharacters('a\nb', true)).toBe(false);
  });
});
