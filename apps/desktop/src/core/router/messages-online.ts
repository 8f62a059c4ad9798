import { AppError, REPORT_REASONS, type ReportCreated } from '@makeries/shared';
import { z } from 'zod';
import type { CounterCore } from '../index';
import { askMarketplace, marketplaceApi, type MarketplaceCall } from './marketplace-call';

/** What needs the marketplace itself: reporting a customer's message to its operator. */

const CALL: MarketplaceCall = {
  timeoutMs: 10_000,
  offline: () => new AppError('CONFLICT', 'This counter is offline. Reporting a message needs the connection to the marketplace; try again when it is back.', { details: { offline: true } }),
};

export const reportMessageInput = z.object({
  orderId: z.uuid(),
  messageId: z.uuid(),
  reason: z.enum(REPORT_REASONS, { error: 'Choose why you are reporting this message' }),
  details: z.string().default(''),
});

/** Reports a customer's message to the marketplace's operator (online only: it is a question for the operator, not a sale). */
export async function reportCustomerMessage(core: CounterCore, input: z.infer<typeof reportMessageInput>): Promise<ReportCreated> {
  const api = marketplaceApi(core, CALL);
  if (!api) throw new AppError('CONFLICT', 'This counter is not paired with the marketplace. Pair it in Settings first.');
  return askMarketplace(CALL, () => api.messages.reportFromShop.mutate(input));
}
