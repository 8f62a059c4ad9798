import { z } from 'zod';

/**
 * Free text typed by people (names, notes, reasons, descriptions, search queries). PostgreSQL refuses a NUL byte
 * and an invisible control or direction character can disguise a name ("Jam\u202Egnp.exe"), so every such field
 * goes through `text()`: trimmed as before, and refused with BAD_INPUT and a human message when it holds
 *  - C0 controls (U+0000–U+001F) — multiline fields keep tab, line feed and carriage return (pasted text, CSV);
 *  - DEL and C1 controls (U+007F–U+009F);
 *  - lone UTF-16 surrogates (not valid Unicode, PostgreSQL cannot store them);
 *  - in single-line fields only: line/paragraph separators (U+2028/2029) and bidi embeddings, overrides and
 *    isolates (U+202A–U+202E, U+2066–U+2069), which reorder what staff and customers see.
 * Emoji, accents and right-to-left scripts are ordinary text and pass.
 */

// with the u flag a paired surrogate is one code point, so [\uD800-\uDFFF] only meets lone halves
const ALWAYS_REFUSED = '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\uD800-\\uDFFF';
const SINGLE_LINE_REFUSED = `${ALWAYS_REFUSED}\\u0009\\u000A\\u000D\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069`;
const MULTILINE_BAD = new RegExp(`[${ALWAYS_REFUSED}]`, 'u');
const SINGLE_LINE_BAD = new RegExp(`[${SINGLE_LINE_REFUSED}]`, 'u');

/** True when `value` holds a character `text()` refuses. */
export function hasControlCharacters(value: string, multiline = false): boolean {
  return (multiline ? MULTILINE_BAD : SINGLE_LINE_BAD).test(value);
}

export interface TextOptions {
  /** at most this many characters, after trimming */
  max: number;
  maxMessage?: string;
  /** at least this many characters after trimming (default 0: may be empty) */
  min?: number;
  minMessage?: string;
  /** notes, descriptions, addresses typed in a text area: tab and line breaks allowed */
  multiline?: boolean;
  /** plural noun for the message, e.g. 'Names' → "Names cannot contain control characters" */
  label?: string;
  /** false only where surrounding spaces mean something (a scanner prefix, a password); default true */
  trim?: boolean;
}

export function controlCharacterMessage(label = 'Text'): string {
  return `${label} cannot contain control characters or invisible formatting characters`;
}

/** A string schema for free text; chain `.optional()` / `.default()` as with `z.string()`. */
export function text(opts: TextOptions): z.ZodString {
  const multiline = opts.multiline ?? false;
  let s = opts.trim === false ? z.string() : z.string().trim();
  if (opts.min !== undefined && opts.min > 0) s = s.min(opts.min, opts.minMessage ?? 'Required');
  s = s.max(opts.max, opts.maxMessage);
  return s.refine((v) => !hasControlCharacters(v, multiline), { error: controlCharacterMessage(opts.label), abort: true });
}
