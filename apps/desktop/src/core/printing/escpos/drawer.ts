import { AppError, type ErrorIssue } from '@makeries/shared';
import type { CommandSet } from './code-pages';

function bad(path: string, message: string): AppError {
  const issues: ErrorIssue[] = [{ path, message }];
  return new AppError('BAD_INPUT', `Cash drawer: ${message}.`, { issues });
}

/**
 * Opens the cash drawer wired to the printer (DESIGN §5).
 * EPSON: `ESC p m t1 t2` — pin m (0 = connector pin 2, 1 = pin 5), on for t1 × 2 ms, off for t2 × 2 ms;
 *   the usual 1B 70 00 19 FA is a 50 ms pulse. (node-thermal-printer's own kick leaves out t1/t2.)
 * STAR line mode has no pulse bytes on the kick itself: `ESC BEL n1 n2` sets drive 1's on/delay time in
 *   10 ms units, then `BEL` drives it; drive 2 (`SUB`) has a fixed 200 ms pulse. The EPSON timings are
 *   converted so one printer setting means the same pulse on either kind of printer.
 */
export function drawerKickBytes(commandSet: CommandSet, pin: 0 | 1, t1: number, t2: number): Buffer {
  if (commandSet !== 'epson' && commandSet !== 'star') throw bad('commandSet', 'the printer command set is epson or star');
  if (pin !== 0 && pin !== 1) throw bad('pin', 'the drawer pin is 0 (connector pin 2) or 1 (pin 5)');
  for (const [name, v] of [['t1', t1], ['t2', t2]] as const) {
    if (!Number.isInteger(v) || v < 0 || v > 255) throw bad(name, `the pulse time ${name} is a whole number from 0 to 255`);
  }
  if (commandSet === 'epson') return Buffer.from([0x1b, 0x70, pin, t1, t2]);
  if (pin === 1) return Buffer.from([0x1a]);
  const tens = (units: number) => Math.max(1, Math.min(127, Math.round(units / 5)));
  return Buffer.from([0x1b, 0x07, tens(t1), tens(t2), 0x07]);
}
