import { describe, expect, it } from 'vitest';
import { centsToDigits, denominationsFor, digitsToCents, keypadKeyFor, minus, money, pressKey, quantityText, type KeypadKey } from './money';

const type = (keys: KeypadKey[], start = '') => keys.reduce(pressKey, start);

describe('till amount entry', () => {
  it('shifts digits in from the right, like a till: 2-0-0-0 is £20.00', () => {
    const d = type(['2', '0', '0', '0']);
    expect(money(digitsToCents(d), 'GBP')).toBe('£20.00');
  });

  it('ignores leading zeros, takes 00, backspaces and clears', () => {
    expect(type(['0', '0', '5'])).toBe('5');
    expect(type(['1', '00'])).toBe('100');
    expect(type(['1', '2', '3', 'back'])).toBe('12');
    expect(type(['1', '2', 'clear'])).toBe('');
    expect(digitsToCents('')).toBe(0);
  });

  it('stops at nine digits rather than growing a runaway amount', () => {
    const d = type(Array.from({ length: 12 }, () => '9'));
    expect(d).toBe('999999999');
  });

  it('round-trips a preset amount and maps keyboard keys', () => {
    expect(centsToDigits(1234)).toBe('1234');
    expect(centsToDigits(0)).toBe('');
    expect(keypadKeyFor('7')).toBe('7');
    expect(keypadKeyFor('Backspace')).toBe('back');
    expect(keypadKeyFor('Escape')).toBe('clear');
    expect(keypadKeyFor('a')).toBeNull();
  });
});

describe('money and quantities on screen', () => {
  it('shows discounts with a real minus sign and weights in kg', () => {
    expect(minus(150, 'GBP')).toBe('\u2212£1.50');
    expect(quantityText(3, 'each')).toBe('3');
    expect(quantityText(450, 'weight')).toBe('0.450 kg');
  });

  it('lists a pound drawer largest first, notes before coins', () => {
    const d = denominationsFor('GBP');
    expect(d[0]).toEqual({ valueCents: 5000, note: true });
    expect(d.at(-1)).toEqual({ valueCents: 1, note: false });
    expect(d.filter((x) => x.note).map((x) => x.valueCents)).toEqual([5000, 2000, 1000, 500]);
  });

  it('falls back to 1-2-5 steps for a currency it does not list', () => {
    const d = denominationsFor('JPY');
    expect(d[0]?.valueCents).toBe(100);
    expect(d.at(-1)?.valueCents).toBe(1);
  });
});
