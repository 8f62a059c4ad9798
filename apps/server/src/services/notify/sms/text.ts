import type { OutgoingNotification } from '../channel';

/** GSM 03.38's basic set: one 7-bit unit each. */
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** Its extension table: an escape plus the character, two units each. */
const GSM_EXTENDED = new Set('^{}\\[~]|€\f');

export interface SmsLength {
  encoding: 'GSM-7' | 'UCS-2';
  /** septets (GSM-7) or UTF-16 code units (UCS-2) */
  units: number;
  segments: number;
}

/** How a text is sent: GSM-7 when every character is in the GSM set (160 a text, 153 per part), else UCS-2 (70, 67). */
export function smsLength(text: string): SmsLength {
  let septets = 0;
  for (const ch of text) {
    if (GSM_BASIC.has(ch)) septets += 1;
    else if (GSM_EXTENDED.has(ch)) septets += 2;
    else return { encoding: 'UCS-2', units: text.length, segments: text.length <= 70 ? 1 : Math.ceil(text.length / 67) };
  }
  return { encoding: 'GSM-7', units: septets, segments: septets <= 160 ? 1 : Math.ceil(septets / 153) };
}

/** Typography that would otherwise turn a whole text into UCS-2 (less than half the characters per part). */
const PLAIN: Readonly<Record<string, string>> = { '‘': "'", '’': "'", '“': '"', '”': '"', '–': '-', '—': '-', '…': '...', '\u00a0': ' ', '•': '-' };

function plain(s: string): string {
  return s.replace(/[‘’“”–—…\u00a0•]/g, (c) => PLAIN[c] ?? c).replace(/\s+/g, ' ').trim();
}

const MAX_SEGMENTS = 2;
const MIN_CLIPPED_BODY = 24;

const fits = (text: string) => smsLength(text).segments <= MAX_SEGMENTS;

/** Cuts `s` (by code point) to the longest start that still lets `build` fit, marked with "...". */
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

function clipToFit(s: string, build: (part: string) => string): string {
  if (fits(build(s))) return s;
  // by grapheme, so an emoji or an accented letter is never cut in half
  const chars = Array.from(graphemes.segment(s), (g) => g.segment);
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(build(`${chars.slice(0, mid).join('').trimEnd()}...`))) lo = mid;
    else hi = mid - 1;
  }
  return lo === 0 ? '' : `${chars.slice(0, lo).join('').trimEnd()}...`;
}

/**
 * A notification as a text: "Title. Body link", kept to MAX_SEGMENTS parts. The link is never cut; the body is
 * shortened first, then the title. Curly quotes and dashes become plain ones so a shop's name stays in GSM-7.
 */
export function smsText(n: Pick<OutgoingNotification, 'title' | 'body' | 'link'>): string {
  const title = plain(n.title);
  const body = plain(n.body);
  const head = (t: string) => (t === '' || /[.!?:]$/.test(t) ? t : `${t}.`);
  const compose = (t: string, b: string) => [head(t), b, n.link].filter((p) => p !== '').join(' ');
  const full = compose(title, body);
  if (fits(full)) return full;
  const shortBody = clipToFit(body, (b) => compose(title, b));
  // a few words and "..." tell nothing: then the title and the link alone
  if (Array.from(graphemes.segment(shortBody)).length >= MIN_CLIPPED_BODY) return compose(title, shortBody);
  return compose(clipToFit(title, (t) => compose(t, '')), '');
}
