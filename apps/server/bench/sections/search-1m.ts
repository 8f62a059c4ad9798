import type { BenchSection } from '../lib/types';
import { runSearchBench } from './search';

const MILLION = 1_000_000;

/** The search benchmark at a million products (grown inside Postgres from the generated 100k, ~2-4 min to load). */
export const section: BenchSection = { name: 'search-1m', order: 11, run: (ctx) => runSearchBench(ctx, MILLION) };
