import type { PostgresServer } from './postgres';

/** One line of the budget table (DESIGN §9): a measured value against its limit. */
export interface BudgetCheck {
  name: string;
  value: number;
  unit: string;
  limit: number;
  /** 'max': value must stay below the limit; 'min': value must reach it */
  kind: 'max' | 'min';
  pass: boolean;
}

/** What every section returns; `metrics` is free-form JSON for the numbers behind the budgets. */
export interface SectionResult {
  budgets: BudgetCheck[];
  metrics: Record<string, unknown>;
}

export interface BenchContext {
  postgres: PostgresServer;
  /** progress goes to stderr, so stdout stays pure JSON */
  log: (message: string) => void;
  /** multiply every load duration (BENCH_SCALE=0.3 for a quick smoke run) */
  scale: number;
}

/**
 * A benchmark section: a file in bench/sections/ exporting `section`. run.ts discovers the files, so adding
 * a section is adding one file.
 */
export interface BenchSection {
  name: string;
  /** lower runs first */
  order: number;
  run(ctx: BenchContext): Promise<SectionResult>;
}

export function budget(name: string, value: number, unit: string, kind: 'max' | 'min', limit: number): BudgetCheck {
  const pass = kind === 'max' ? value < limit : value >= limit;
  return { name, value: round(value), unit, limit, kind, pass };
}

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
