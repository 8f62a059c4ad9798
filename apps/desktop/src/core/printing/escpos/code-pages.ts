import { AppError } from '@makeries/shared';

export type CommandSet = 'epson' | 'star';

/**
 * The printer character tables we print with: node-thermal-printer's name for the table-select command
 * (ESC t n on EPSON, ESC GS t n on STAR) and the iconv-lite encoding of the bytes we send while it is active.
 * STAR printers have no PC850 table; 858 is PC850 with € in place of one rarely used letter (ı), so a
 * PC850 profile selects 858 there and encodes for it.
 */
interface CodePageEntry {
  epson: { select: string; encoding: string };
  star: { select: string; encoding: string };
}

const same = (select: string, encoding: string): CodePageEntry => ({ epson: { select, encoding }, star: { select, encoding } });

const CODE_PAGES: Record<string, CodePageEntry> = {
  PC437_USA: same('PC437_USA', 'CP437'),
  PC850_MULTILINGUAL: { epson: { select: 'PC850_MULTILINGUAL', encoding: 'CP850' }, star: { select: 'PC858_EURO', encoding: 'CP858' } },
  PC852_LATIN2: same('PC852_LATIN2', 'CP852'),
  PC858_EURO: same('PC858_EURO', 'CP858'),
  PC860_PORTUGUESE: same('PC860_PORTUGUESE', 'CP860'),
  PC863_CANADIAN_FRENCH: same('PC863_CANADIAN_FRENCH', 'CP863'),
  PC865_NORDIC: same('PC865_NORDIC', 'CP865'),
  PC866_CYRILLIC2: same('PC866_CYRILLIC2', 'CP866'),
  WPC1250_LATIN2: same('WPC1250_LATIN2', 'WIN1250'),
  WPC1251_CYRILLIC: same('WPC1251_CYRILLIC', 'WIN1251'),
  WPC1252: same('WPC1252', 'CP1252'),
};

/** Short names people type in settings ("PC850", "CP1252", "1252") → the table above. */
const ALIASES: Record<string, string> = {
  PC437: 'PC437_USA',
  PC850: 'PC850_MULTILINGUAL',
  PC852: 'PC852_LATIN2',
  PC858: 'PC858_EURO',
  PC860: 'PC860_PORTUGUESE',
  PC863: 'PC863_CANADIAN_FRENCH',
  PC865: 'PC865_NORDIC',
  PC866: 'PC866_CYRILLIC2',
  WPC1250: 'WPC1250_LATIN2',
  WPC1251: 'WPC1251_CYRILLIC',
  PC1250: 'WPC1250_LATIN2',
  PC1251: 'WPC1251_CYRILLIC',
  PC1252: 'WPC1252',
};

export const SUPPORTED_CODE_PAGES: readonly string[] = Object.keys(CODE_PAGES);

export interface ResolvedCodePage {
  /** canonical name, e.g. PC858_EURO */
  name: string;
  /** node-thermal-printer character set whose select command we send */
  select: string;
  /** iconv-lite encoding of text bytes while that table is active */
  encoding: string;
}

export function canonicalCodePage(codePage: string): string | null {
  const key = codePage.trim().toUpperCase().replace(/[\s-]+/g, '_').replace(/^CP/, 'PC');
  const withPrefix = /^\d+$/.test(key) ? `PC${key}` : key;
  const name = ALIASES[withPrefix] ?? withPrefix;
  return CODE_PAGES[name] ? name : null;
}

export function resolveCodePage(codePage: string, commandSet: CommandSet): ResolvedCodePage {
  const name = canonicalCodePage(codePage);
  const entry = name ? CODE_PAGES[name] : undefined;
  if (!name || !entry) {
    throw new AppError('BAD_INPUT', `The printer code page "${codePage}" is not supported. Use one of ${SUPPORTED_CODE_PAGES.join(', ')}.`, {
      issues: [{ path: 'codePage', message: 'Unsupported code page' }],
    });
  }
  return { name, ...entry[commandSet] };
}
