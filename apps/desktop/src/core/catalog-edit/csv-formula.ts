/**
 * Spreadsheet formula guard for CSV cells (CSV injection): a text cell that a spreadsheet would run as a formula
 * (= + - @, tab, carriage return first) is written with a leading apostrophe, which spreadsheets show as text.
 * A cell that already starts with apostrophes before such a character gets one more, so reading a cell back
 * (`unguardFormula`: one apostrophe off, only before those characters) always gives the original text.
 */
const GUARDED = /^'*[=+\-@\t\r]/;

export function guardFormula(text: string): string {
  return GUARDED.test(text) ? `'${text}` : text;
}

export function unguardFormula(text: string): string {
  return text.startsWith("'") && GUARDED.test(text) ? text.slice(1) : text;
}
