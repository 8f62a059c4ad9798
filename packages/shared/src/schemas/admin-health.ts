import { z } from 'zod';
import { pageInputSchema } from './common';

/**
 * The operator console's health area (issue 17): how the market is doing, by day or ISO week in the market's
 * time zone, and what needs an operator's attention (stale counters, failing POS bridges, oversold shops, queues).
 */

/** The longest range one summary covers: two years of days (the CSV and the charts stay small). */
export const HEALTH_MAX_RANGE_DAYS = 731;

/** A calendar date in the market's time zone, `YYYY-MM-DD`, that exists (no 31 February). */
export const healthDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-01-31')
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d && d >= '2000-01-01' && d <= '2999-12-31';
  }, 'That date does not exist');

export const HEALTH_GRAINS = ['day', 'week'] as const;
export type HealthGrain = (typeof HEALTH_GRAINS)[number];

/** Days between two `YYYY-MM-DD` dates, `to` included. */
export function healthRangeDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

export const healthSummaryInput = z
  .object({
    from: healthDateSchema,
    to: healthDateSchema,
    /** `week`: Monday-to-Sunday weeks; the range is widened to whole weeks */
    by: z.enum(HEALTH_GRAINS).default('day'),
  })
  .refine((r) => r.from <= r.to, { error: 'The start date must be on or before the end date', path: ['to'] })
  .refine((r) => r.from > r.to || healthRangeDays(r.from, r.to) <= HEALTH_MAX_RANGE_DAYS, {
    error: `Pick a range of at most ${String(HEALTH_MAX_RANGE_DAYS)} days`,
    path: ['from'],
  });
export type HealthSummaryInput = z.input<typeof healthSummaryInput>;

/** One day or week. Money is integer minor units of the market's currency. */
export interface HealthPoint {
  /** the day, or the Monday that starts the week */
  start: string;
  webOrders: number;
  counterOrders: number;
  /** paid orders' totals (web and counter), refunds not taken off */
  webGmvCents: number;
  counterGmvCents: number;
  /** what was refunded of those orders so far, counted on the order's day */
  refundedCents: number;
  /** shops with at least one counted order in the period */
  activeShops: number;
  /** storefront checkouts submitted in the period */
  checkouts: number;
  /** of those, the ones that became an order (paid by card, or placed to pay at pickup) */
  convertedCheckouts: number;
}

export interface HealthTotals {
  orders: number;
  webOrders: number;
  counterOrders: number;
  gmvCents: number;
  webGmvCents: number;
  counterGmvCents: number;
  refundedCents: number;
  /** GMV − refunded */
  netCents: number;
  /** GMV ÷ orders, rounded to a whole minor unit; null without orders */
  averageBasketCents: number | null;
  checkouts: number;
  convertedCheckouts: number;
  /** convertedCheckouts ÷ checkouts (0..1); null without checkouts */
  conversionRate: number | null;
  /** distinct shops with an order anywhere in the range */
  activeShops: number;
}

export interface HealthSummary {
  from: string;
  to: string;
  by: HealthGrain;
  currency: string;
  timezone: string;
  /** today in the market's time zone: its figures are read live from the orders */
  today: string;
  /** when the rollups behind the past days were last refreshed; null before the first refresh */
  refreshedAt: string | null;
  totals: HealthTotals;
  series: HealthPoint[];
}

export interface HealthCsv {
  filename: string;
  csv: string;
}

export const healthListInput = pageInputSchema;
export type HealthListInput = z.input<typeof healthListInput>;

export interface StaleCounter {
  deviceId: string;
  deviceName: string;
  registerCode: string;
  vendorId: string;
  vendorName: string;
  /** null: paired but never synced */
  lastSeenAt: string | null;
  pairedAt: string;
}

export interface FailingBridge {
  vendorId: string;
  vendorName: string;
  provider: string;
  status: string;
  statusReason: string | null;
  consecutiveFailures: number;
  updatedAt: string;
}

export interface OversoldShop {
  vendorId: string;
  vendorName: string;
  /** oversold alerts raised in the window */
  alerts: number;
  /** of those, still open */
  open: number;
  lastAt: string;
}

export interface HealthPage<T> {
  items: T[];
  nextCursor: string | null;
}

export interface QueueBacklog {
  /** waiting to be sent/run, including retries scheduled for later */
  queued: number;
  /** of those, the ones whose time has come */
  due: number;
  /** how late the most overdue one is, in seconds; null when nothing is due */
  oldestDueSeconds: number | null;
  /** gave up after their attempts (kept for an operator) */
  failed: number;
}

export interface HealthQueues {
  email: QueueBacklog;
  jobs: QueueBacklog & { byKind: { kind: string; queued: number; failed: number }[] };
  /** the periodic tasks whose last run failed */
  failingTasks: { name: string; lastError: string; lastRunAt: string | null }[];
}
