import { OPERATOR, q, type Policy } from '../policy-kit';
import type { Sample } from '../sample-kit';

/** The console's health area (issue 17): every procedure under `admin.health`. All read-only. */
export const ADMIN_HEALTH_POLICIES: Readonly<Record<string, Policy>> = {
  'admin.health.summary': q(OPERATOR, 'the whole market’s GMV, orders, conversion and active shops by day or week: no shop sees the others’ figures'),
  'admin.health.exportCsv': q(OPERATOR, 'the same series as CSV for the console’s download'),
  'admin.health.staleCounters': q(OPERATOR, 'counters of every shop that have not synced for a day, paged'),
  'admin.health.failingBridges': q(OPERATOR, 'every shop’s POS connection that is paused, in error or failing, paged'),
  'admin.health.oversoldShops': q(OPERATOR, 'shops with repeated oversold alerts this week, paged'),
  'admin.health.queues': q(OPERATOR, 'the email outbox and job queue backlog of the whole server'),
};

const RANGE = { from: '2026-01-01', to: '2026-01-31', by: 'day' };

/** Hand-written inputs for the matrix and the fuzzer where the schema's example is not enough (see samples.ts). */
export const ADMIN_HEALTH_SAMPLES: Readonly<Record<string, Sample>> = {
  'admin.health.summary': () => RANGE,
  'admin.health.exportCsv': () => ({ ...RANGE, by: 'week' }),
};
