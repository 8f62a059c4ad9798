import { describe, expect, it } from 'vitest';
import { displayNumber, readMobile } from './phone';

describe('reading a mobile number with the marketplace’s country', () => {
  it('writes a UK number however it was typed as E.164', () => {
    for (const typed of ['07700 900123', '07700900123', '+44 7700 900123', '0044 7700 900123', ' (07700) 900-123 ']) {
      expect(readMobile(typed, 'GB'), typed).toEqual({ ok: true, e164: '+447700900123', national: '07700 900123' });
    }
    expect(readMobile('07624 123456', 'GB')).toMatchObject({ ok: true, e164: '+447624123456' });
  });

  it('takes a foreign mobile written with its country code, and reads a national number with the market’s country', () => {
    expect(readMobile('+33 6 12 34 56 78', 'GB')).toEqual({ ok: true, e164: '+33612345678', national: '+33 6 12 34 56 78' });
    expect(readMobile('06 12 34 56 78', 'FR')).toMatchObject({ ok: true, e164: '+33612345678' });
  });

  it('refuses what cannot take a text: a landline, a freephone number, too few digits, words, nothing', () => {
    expect(readMobile('0117 496 0123', 'GB')).toMatchObject({ ok: false, message: expect.stringContaining('mobile') });
    expect(readMobile('0800 123 4567', 'GB')).toMatchObject({ ok: false });
    expect(readMobile('07700 900', 'GB')).toMatchObject({ ok: false });
    expect(readMobile('call me', 'GB')).toMatchObject({ ok: false });
    expect(readMobile('   ', 'GB')).toEqual({ ok: false, message: 'Enter your mobile number to get texts' });
  });

  it('shows a saved number the way people of the country write it', () => {
    expect(displayNumber('+447700900123', 'GB')).toBe('07700 900123');
    expect(displayNumber('+33612345678', 'GB')).toBe('+33 6 12 34 56 78');
  });
});
