import { describe, expect, it } from 'vitest';
import {
  PAIRING_CODE_ALPHABET,
  customerSignupInput,
  formatPairingCode,
  normalizePairingCode,
  staffCreateInput,
  staffLoginInput,
  staffUpdateInput,
} from './auth';

describe('pairing codes', () => {
  it('has no look-alike characters', () => {
    for (const ch of '01OIL') expect(PAIRING_CODE_ALPHABET).not.toContain(ch);
  });

  it('accepts a code typed in any case, with or without the dash or spaces', () => {
    expect(normalizePairingCode('K7QM-4TXP')).toBe('K7QM4TXP');
    expect(normalizePairingCode(' k7qm 4txp ')).toBe('K7QM4TXP');
    expect(formatPairingCode('K7QM4TXP')).toBe('K7QM-4TXP');
  });

  it('rejects wrong lengths and look-alike characters', () => {
    expect(normalizePairingCode('K7QM-4TX')).toBeNull();
    expect(normalizePairingCode('K7QM-4TXPP')).toBeNull();
    expect(normalizePairingCode('K0QM-4TXP')).toBeNull();
    expect(normalizePairingCode('')).toBeNull();
  });
});

describe('auth inputs', () => {
  it('lower-cases emails and does not apply the new-password rule at sign-in', () => {
    expect(staffLoginInput.parse({ email: 'Ann@Example.TEST', password: 'short' })).toEqual({ email: 'ann@example.test', password: 'short' });
    expect(customerSignupInput.safeParse({ name: 'Ann', email: 'ann@example.test', password: 'short' }).success).toBe(false);
  });

  it('needs a PIN for cashiers and email + password for managers, and never creates owners', () => {
    expect(staffCreateInput.safeParse({ role: 'cashier', name: 'Cass', pin: '1234' }).success).toBe(true);
    expect(staffCreateInput.safeParse({ role: 'cashier', name: 'Cass' }).success).toBe(false);
    expect(staffCreateInput.safeParse({ role: 'manager', name: 'Mia', email: 'mia@example.test', password: 'long enough pw' }).success).toBe(true);
    expect(staffCreateInput.safeParse({ role: 'manager', name: 'Mia', pin: '1234' }).success).toBe(false);
    expect(staffCreateInput.safeParse({ role: 'owner', name: 'Olive', email: 'o@example.test', password: 'long enough pw' }).success).toBe(false);
    expect(staffCreateInput.safeParse({ role: 'cashier', name: 'Cass', pin: '12a4' }).success).toBe(false);
  });

  it('refuses an update that changes nothing', () => {
    const staffId = '01890a5d-ac96-774b-bcce-b302099a8057';
    expect(staffUpdateInput.safeParse({ staffId }).success).toBe(false);
    expect(staffUpdateInput.safeParse({ staffId, pin: '4321' }).success).toBe(true);
  });
});
