/**
 * ESC/POS real-time status (`DLE EOT n`). Every answer byte has bits 1 and 4 set and bits 0 and 7 clear; a
 * byte without that shape is not a status answer (some printers send other data) and is ignored.
 */
export const DLE_EOT_PRINTER = Buffer.from([0x10, 0x04, 0x01]);
export const DLE_EOT_PAPER = Buffer.from([0x10, 0x04, 0x04]);

export function isStatusByte(b: number): boolean {
  return (b & 0x93) === 0x12;
}

/** n = 1, bit 3: the printer is offline (cover open, paper out, error). */
export function isOffline(printerStatus: number): boolean {
  return (printerStatus & 0x08) !== 0;
}

/** n = 4, bits 5 and 6: the paper roll sensor sees no paper. */
export function isPaperOut(paperStatus: number): boolean {
  return (paperStatus & 0x60) !== 0;
}
