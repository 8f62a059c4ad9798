import { createRequire } from 'node:module';

/**
 * Text for a printer's single-byte code page. iconv-lite ships with node-thermal-printer (it is not our
 * direct dependency), so it is loaded from beside that package. We never let node-thermal-printer encode
 * text itself: for a character missing from the active table it silently switches to another table and
 * leaves it selected, which the next line then prints as garbage.
 */
interface Iconv {
  encode(text: string, encoding: string): Buffer;
  decode(bytes: Buffer, encoding: string): string;
  encodingExists(encoding: string): boolean;
}

const requireHere = createRequire(import.meta.url);
const iconv = createRequire(requireHere.resolve('node-thermal-printer'))('iconv-lite') as Iconv;

/** Sensible ASCII for characters a code page lacks; anything else loses its accents (NFKD) or becomes "?". */
const FALLBACK: Record<string, string> = {
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'JPY',
  '₹': 'INR',
  '–': '-',
  '—': '-',
  '‒': '-',
  '−': '-',
  '‘': "'",
  '’': "'",
  '‚': ',',
  '“': '"',
  '”': '"',
  '„': '"',
  '«': '"',
  '»': '"',
  '…': '...',
  '•': '*',
  '·': '.',
  '×': 'x',
  '÷': '/',
  '°': 'o',
  '©': '(c)',
  '®': '(R)',
  '™': 'TM',
  ß: 'ss',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  þ: 'th',
  Þ: 'Th',
  ı: 'i',
  '\u00A0': ' ',
  '\u202F': ' ',
  '\u2009': ' ',
};

function asciiFallback(ch: string): string {
  const mapped = FALLBACK[ch];
  if (mapped !== undefined) return mapped;
  const stripped = ch.normalize('NFKD').replace(/\p{M}/gu, '');
  return /^[\x20-\x7E]+$/.test(stripped) ? stripped : '?';
}

function encodable(ch: string, encoding: string): boolean {
  const bytes = iconv.encode(ch, encoding);
  return bytes.length === 1 && iconv.decode(bytes, encoding) === ch;
}

const cache = new Map<string, (text: string) => string>();

/**
 * The text as this code page can print it: printable ASCII and every character of the table pass through,
 * the rest degrade to ASCII ("€" → "EUR" on PC437, "ł" → "l"). Never emits a byte the printer would misread.
 */
export function printableFor(encoding: string): (text: string) => string {
  const hit = cache.get(encoding);
  if (hit) return hit;
  const known = new Map<string, string>();
  const fn = (text: string): string => {
    let out = '';
    for (const ch of text) {
      if (ch >= ' ' && ch <= '~') {
        out += ch;
        continue;
      }
      let r = known.get(ch);
      if (r === undefined) {
        r = ch < ' ' || (ch >= '\x7F' && ch <= '\x9F') ? ' ' : encodable(ch, encoding) ? ch : asciiFallback(ch);
        known.set(ch, r);
      }
      out += r;
    }
    return out;
  };
  cache.set(encoding, fn);
  return fn;
}

/** Bytes for text that has been through `printableFor(encoding)`. */
export function encodeText(text: string, encoding: string): Buffer {
  return iconv.encode(printableFor(encoding)(text), encoding);
}

export function decodeText(bytes: Buffer, encoding: string): string {
  return iconv.decode(bytes, encoding);
}
