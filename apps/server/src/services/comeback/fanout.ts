import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { enqueue } from '../../jobs/queue';
import { PermanentJobError, type JobRuntime } from '../../jobs/runtime';
import { notifyMany, type NotifyRequest } from '../notify/index';
import { FANOUT_JOB, fanoutJobKey } from './back-in-stock';

/** subscribers turned into notifications per fan-out job (each notifyMany call then queues its delivery batches) */
export const FANOUT_PAGE = 1000;

interface Told {
  id: string;
  customerId: string;
  productId: string;
  vendorId: string;
  name: string;
  vendorName: string;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One page of a restock's subscribers (marked in the stock transaction, markBackInStock) into the notify queue, and
 * the job for the next page, in one transaction: a retried page queues nothing twice (the notifications' dedupe key
 * is the subscription and the restock) and a crash between pages resumes where it stopped.
 */
async function fanOutPage(db: Db, restockId: string, after: string | null): Promise<{ queued: number; next: string | null }> {
  return db.transaction(async (tx) => {
    const page = await queryRows<Told>(
      tx,
      sql`SELECT s.id, s.customer_id AS "customerId", s.product_id AS "productId", s.vendor_id AS "vendorId",
                 CASE WHEN v.name = 'Default' THEN p.name ELSE p.name || ' (' || v.name || ')' END AS name, sh.name AS "vendorName"
          FROM stock_alert_subscriptions s
          JOIN variants v ON v.id = s.variant_id
          JOIN products p ON p.id = s.product_id
          JOIN vendors sh ON sh.id = s.vendor_id
          WHERE s.restock_id = ${restockId} ${after ? sql`AND s.id > ${after}` : sql``}
          ORDER BY s.id
          LIMIT ${FANOUT_PAGE}`,
    );
    const requests: NotifyRequest[] = page.map((s) => ({
      topic: 'back_in_stock',
      dedupeKey: `restock:${s.id}:${restockId}`,
      customerId: s.customerId,
      vendorId: s.vendorId,
      title: `${s.name} is back`,
      body: `${s.name} is back in stock at ${s.vendorName}. Order it before it sells out again.`,
      url: `/p/${s.productId}`,
    }));
    const queued = await notifyMany(tx, requests);
    const last = page[page.length - 1];
    const next = page.length === FANOUT_PAGE && last ? last.id : null;
    if (next) await enqueue(tx, FANOUT_JOB, fanoutJobKey(restockId, next), { restockId, after: next });
    return { queued, next };
  });
}

/** The fan-out on the job runtime (jobs/server-jobs.ts). */
export function registerBackInStockFanout(runtime: JobRuntime, db: Db): void {
  runtime.register(FANOUT_JOB, async (job) => {
    const { restockId, after } = job.payload;
    if (typeof restockId !== 'string' || !UUID_RE.test(restockId) || (after !== null && (typeof after !== 'string' || !UUID_RE.test(after)))) {
      throw new PermanentJobError('back-in-stock fan-out job without a restock id');
    }
    await fanOutPage(db, restockId, after);
  });
}
