import { AppError, REPORTS_PER_HOUR, uuidv7, type ReportCreated, type ReportCreateInput } from '@makeries/shared';
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { contentReports } from '../../db/schema/index';
import { consumeRateLimit, type RateLimitRule } from '../rate-limit';
import { loadTarget } from './targets';

const REPORT_RATE_RULE: RateLimitRule = { limit: REPORTS_PER_HOUR, windowSeconds: 3600 };

const ALREADY: Record<ReportCreateInput['kind'], string> = {
  product: 'You already reported this product. Our team will look at it.',
  shop: 'You already reported this shop. Our team will look at it.',
  review: 'You already reported this review. Our team will look at it.',
  message: 'You already reported this message. Our team will look at it.',
};

/**
 * A signed-in customer reports a product, shop or review customers can see now. One open report per customer
 * and item; at most REPORTS_PER_HOUR reports an hour per customer. The count is taken in the same transaction as
 * the report, so a refused attempt (unknown item, repeat, over the limit) writes nothing.
 */
export async function createReport(db: DbOrTx, customerId: string, input: ReportCreateInput, now = new Date()): Promise<ReportCreated> {
  return db.transaction(async (tx) => {
    const target = await loadTarget(tx, input.kind, input.targetId);
    if (!target?.public) throw new AppError('NOT_FOUND', `We could not find that ${input.kind} on Makeries. It may have been taken down already.`);
    const [open] = await tx
      .select({ id: contentReports.id })
      .from(contentReports)
      .where(and(eq(contentReports.customerId, customerId), eq(contentReports.kind, input.kind), eq(contentReports.targetId, input.targetId), eq(contentReports.status, 'open')));
    if (open) throw new AppError('DUPLICATE', ALREADY[input.kind]);
    await consumeRateLimit(tx, [`report:customer:${customerId}`], REPORT_RATE_RULE, now).catch((e: unknown) => {
      if (!(e instanceof AppError) || e.code !== 'RATE_LIMITED') throw e;
      throw new AppError('RATE_LIMITED', `You have sent ${REPORTS_PER_HOUR} reports in the last hour, which is our limit. Please try again later; our team is looking at the ones you sent.`, { details: e.details ?? {} });
    });
    const id = uuidv7();
    const [row] = await tx
      .insert(contentReports)
      .values({ id, kind: input.kind, targetId: input.targetId, vendorId: target.vendorId, customerId, reason: input.reason, details: input.details, createdAt: now })
      .onConflictDoNothing()
      .returning({ id: contentReports.id });
    // a double tap racing this one won the unique index
    if (!row) throw new AppError('DUPLICATE', ALREADY[input.kind]);
    return { id: row.id, kind: input.kind, targetId: input.targetId };
  });
}
