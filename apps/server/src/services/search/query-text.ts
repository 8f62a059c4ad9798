import { sql, type SQL } from 'drizzle-orm';

/** Trigram typo correction is noise for very short words ("an" is similar to half the dictionary). */
const MIN_CORRECTABLE_LENGTH = 3;
const CORRECTIONS_PER_WORD = 3;
/** A lexeme we are willing to hand to to_tsquery: letters and digits only, so no tsquery operator can slip in. */
const SAFE_LEXEME = /^[\p{L}\p{N}]+$/u;

interface SearchTerm {
  /** the word as typed (letters and digits only), searched as a prefix */
  word: string;
  /** catalog words that look like a typo of `word`, searched exactly */
  corrections: string[];
}

export interface SearchText {
  terms: SearchTerm[];
  /** AND over words of (word prefix OR corrections), for to_tsquery('simple', …) */
  tsquery: string;
  /** the same with prefixes only, or null when there were no corrections (then it equals `tsquery`) */
  literalTsquery: string | null;
}

/**
 * A word that starts some catalog word is probably typed right, so only near-identical words (plural/singular,
 * "chocolate"/"chocolat") are added; an unknown word takes the best matches within a margin of the best one.
 * Without this, "salami" would also find salad and salt.
 */
const KNOWN_WORD_MIN_SIMILARITY = 0.6;
const TYPO_MARGIN = 0.15;

export interface CorrectionRow {
  /** 1-based position of the word among the correctable words */
  n: number;
  word: string;
  sim: number;
  known: boolean;
}

function keepCorrections(rows: CorrectionRow[]): string[] {
  const best = Math.max(...rows.map((r) => r.sim));
  return rows
    .filter((r) => (r.known ? r.sim >= KNOWN_WORD_MIN_SIMILARITY : r.sim >= best - TYPO_MARGIN))
    .sort((a, b) => b.sim - a.sim)
    .map((r) => r.word)
    .filter((w) => SAFE_LEXEME.test(w));
}

const correctable = (words: string[]) => words.filter((w) => w.length >= MIN_CORRECTABLE_LENGTH);

/**
 * Typo-correction candidates for every word, as one query (rows: CorrectionRow), or null when no word is long
 * enough to correct. `%` is pg_trgm's similarity operator (threshold 0.3), served by the GIN gin_trgm_ops index
 * on search_words, as is the LIKE prefix probe; words the typed word is a prefix of are already matched by the
 * prefix search. Typed words are letters and digits only, so they cannot carry LIKE wildcards.
 */
export function correctionsSql(words: string[]): SQL | null {
  const list = correctable(words);
  if (list.length === 0) return null;
  return sql`SELECT w.n::int AS n, c.word, c.sim::float8 AS sim, k.known
    FROM unnest(${pgTextArray(list)}::text[]) WITH ORDINALITY AS w(typed, n)
    CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM search_words sk WHERE sk.word LIKE lower(w.typed) || '%') AS known) k
    CROSS JOIN LATERAL (
      SELECT sw.word, similarity(sw.word, lower(w.typed)) AS sim FROM search_words sw
      WHERE sw.word % lower(w.typed) AND NOT starts_with(sw.word, lower(w.typed))
      ORDER BY sim DESC, sw.uses DESC, sw.word
      LIMIT ${CORRECTIONS_PER_WORD}
    ) c`;
}

/** Words plus the correction rows from correctionsSql → the tsqueries to search with; null without words. */
export function searchTextFrom(words: string[], rows: CorrectionRow[]): SearchText | null {
  if (words.length === 0) return null;
  const list = correctable(words);
  const terms = words.map((word) => {
    const n = list.indexOf(word) + 1;
    const mine = n > 0 ? rows.filter((r) => r.n === n) : [];
    return { word, corrections: mine.length > 0 ? keepCorrections(mine) : [] };
  });
  const corrected = terms.some((t) => t.corrections.length > 0);
  return {
    terms,
    tsquery: buildTsquery(terms),
    literalTsquery: corrected ? buildTsquery(terms, { literalOnly: true }) : null,
  };
}

/** Builds the tsquery text from sanitized lexemes only; `weight` restricts matches to e.g. the name (A). */
function buildTsquery(terms: SearchTerm[], opts: { weight?: 'A'; literalOnly?: boolean } = {}): string {
  const w = opts.weight ?? '';
  return terms
    .map((t) => {
      const alts = [`${t.word}:*${w}`, ...(opts.literalOnly ? [] : t.corrections.map((c) => (w ? `${c}:${w}` : c)))];
      return alts.length === 1 ? alts[0] : `(${alts.join(' | ')})`;
    })
    .join(' & ');
}

/** `to_tsquery('simple', …)` over a parameter: user text never becomes SQL. */
export function tsquerySql(tsquery: string): SQL {
  return sql`to_tsquery('simple', ${tsquery})`;
}

/**
 * A Postgres array literal for a text[] parameter. Passing one string keeps the statement's parameter count
 * fixed however many values there are; every element is quoted, so commas or braces cannot split it.
 */
export function pgTextArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}
