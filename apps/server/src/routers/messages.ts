import {
  customerMessageReportInput,
  customerMessageSendInput,
  customerMessagesInput,
  shopMessageReportInput,
  shopMessageSendInput,
  shopMessagesInput,
} from '@makeries/shared';
import { reportFromCustomer, reportFromShop } from '../services/messages/report';
import { listForCustomer, listForShop, replyFromShop, sendFromCustomer } from '../services/messages/thread';
import { publicProcedure, router, vendorProcedure } from '../trpc';

/**
 * Messages between a customer and a shop about one order (issue 18). The customer's side takes the ordering
 * customer's session or the order's tracking token (guests); the shop's side is its staff and counters.
 */
export const messagesRouter = router({
  list: publicProcedure.input(customerMessagesInput).query(({ ctx, input }) => listForCustomer(ctx.db, ctx.env, ctx.actor, input)),
  send: publicProcedure.input(customerMessageSendInput).mutation(({ ctx, input }) => sendFromCustomer(ctx.db, ctx.env, ctx.actor, input)),
  report: publicProcedure.input(customerMessageReportInput).mutation(({ ctx, input }) => reportFromCustomer(ctx.db, ctx.env, ctx.actor, input)),
  listForShop: vendorProcedure.input(shopMessagesInput).query(({ ctx, input }) => listForShop(ctx.db, ctx.vendorId, input)),
  reply: vendorProcedure.input(shopMessageSendInput).mutation(({ ctx, input }) => replyFromShop(ctx.db, ctx.env, ctx.actor, ctx.vendorId, input)),
  reportFromShop: vendorProcedure.input(shopMessageReportInput).mutation(({ ctx, input }) => reportFromShop(ctx.db, ctx.vendorId, input)),
});
