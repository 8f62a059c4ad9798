import { describe, expect, it } from 'vitest';
import { codeOf } from '../../test/fixtures';
import { decodeEscPos } from '../test/escpos-decoder';
import { drawerKickBytes } from './index';

describe('drawerKickBytes', () => {
  it('sends EPSON ESC p m t1 t2 with the pulse bytes (default 1B 70 00 19 FA)', () => {
    expect([...drawerKickBytes('epson', 0, 0x19, 0xfa)]).toEqual([0x1b, 0x70, 0x00, 0x19, 0xfa]);
    expect([...drawerKickBytes('epson', 1, 50, 100)]).toEqual([0x1b, 0x70, 0x01, 50, 100]);
    expect(decodeEscPos(drawerKickBytes('epson', 0, 25, 250), { commandSet: 'epson' }).commands).toEqual([
      { kind: 'drawer', pin: 0, t1: 25, t2: 250, onMs: 50, offMs: 500 },
    ]);
  });

  it('sends STAR ESC BEL n1 n2 + BEL with the same pulse in 10 ms units, and SUB for the second drawer', () => {
    expect([...drawerKickBytes('star', 0, 25, 250)]).toEqual([0x1b, 0x07, 5, 50, 0x07]);
    expect(decodeEscPos(drawerKickBytes('star', 0, 25, 250), { commandSet: 'star' }).commands).toEqual([
      { kind: 'drawer', pin: 0, t1: 25, t2: 250, onMs: 50, offMs: 500 },
    ]);
    // STAR's drive range is 10–1270 ms: a zero pulse would be ignored, so it is at least one unit
    expect([...drawerKickBytes('star', 0, 0, 255)]).toEqual([0x1b, 0x07, 1, 51, 0x07]);
    expect(decodeEscPos(drawerKickBytes('star', 1, 25, 250), { commandSet: 'star' }).commands).toEqual([
      { kind: 'drawer', pin: 1, t1: 100, t2: 100, onMs: 200, offMs: 200 },
    ]);
  });

  it('refuses a pin other than 0/1, pulse times outside 0–255 and unknown printers', () => {
    expect(codeOf(() => drawerKickBytes('epson', 2 as 0, 25, 250))).toBe('BAD_INPUT');
    expect(codeOf(() => drawerKickBytes('epson', 0, 256, 250))).toBe('BAD_INPUT');
    expect(codeOf(() => drawerKickBytes('epson', 0, 25, -1))).toBe('BAD_INPUT');
    expect(codeOf(() => drawerKickBytes('star', 0, 2.5, 250))).toBe('BAD_INPUT');
    expect(codeOf(() => drawerKickBytes('zebra' as 'epson', 0, 25, 250))).toBe('BAD_INPUT');
  });
});
