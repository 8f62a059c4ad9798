import type { Policy } from '../policy-kit';
import type { Sample } from '../sample-kit';
import { ADMIN_AUTH_POLICIES } from './auth';
import { ADMIN_CONTENT_POLICIES, ADMIN_CONTENT_SAMPLES } from './content';
import { ADMIN_HEALTH_POLICIES, ADMIN_HEALTH_SAMPLES } from './health';
import { ADMIN_ORDERS_POLICIES, ADMIN_ORDERS_SAMPLES } from './orders';
import { ADMIN_SHOPS_POLICIES, ADMIN_SHOPS_SAMPLES } from './shops';
import { ADMIN_PROMOS_POLICIES, ADMIN_PROMOS_SAMPLES } from './promos';

/** Every `admin.*` procedure's policy, one file per area of the console. */
export const ADMIN_POLICIES: Readonly<Record<string, Policy>> = {
  ...ADMIN_AUTH_POLICIES,
  ...ADMIN_SHOPS_POLICIES,
  ...ADMIN_CONTENT_POLICIES,
  ...ADMIN_ORDERS_POLICIES,
  ...ADMIN_HEALTH_POLICIES,
  ...ADMIN_PROMOS_POLICIES,
};

/** The console areas' hand-written samples (samples.ts merges them). */
export const ADMIN_SAMPLES: Readonly<Record<string, Sample>> = {
  'admin.signIn': () => ({ email: 'nobody@makeries.test', password: 'not the password', code: '123456' }),
  ...ADMIN_SHOPS_SAMPLES,
  ...ADMIN_CONTENT_SAMPLES,
  ...ADMIN_ORDERS_SAMPLES,
  ...ADMIN_HEALTH_SAMPLES,
  ...ADMIN_PROMOS_SAMPLES,
};
