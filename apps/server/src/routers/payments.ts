import {
  AppError,
  cardIntentInput,
  cardShopsInput,
  cardShopsResult,
  cardIntentResult,
  payoutsInput,
  payoutsResult,
  terminalRefundResult as refundResult,
  uuidSchema,
  centsSchema,
  connectLinkInput,
  connectStatusResult,
  paymentsStatusResult,
  terminalPaymentInput,
  terminalReader,
  terminalRefundInput,
  terminalRefundResult,
  terminalRegisterReaderInput,
  terminalStartInput,
  terminalStartResult,
  terminalStatusResult,
} from '@makeries/shared';
import { z } from 'zod';
import { cardIntent } from '../services/payments/checkout-card';
import { refundWebOrder } from '../services/payments/order-refunds';
import { payouts } from '../services/payments/payouts';
import { connectLink, connectStatus, refreshConnect } from '../services/payments/connect';
import { cardShops, paymentsStatus } from '../services/payments/status';
import { cancelTerminalPayment, startTerminalPayment, terminalStatus } from '../services/payments/terminal-payments';
import { listReaders, registerReader } from '../services/payments/terminal-readers';
import { refundTerminalPayment } from '../services/payments/terminal-refund';
import type { Actor } from '../context';
import { deviceProcedure, publicProcedure, router, vendorProcedure } from '../trpc';

/** Money views and refunds are for owners and managers; a paired counter checks its own staff PIN roles. */
function notCashier(actor: Actor): void {
  if (actor.kind === 'staff' && actor.role === 'cashier') throw new AppError('FORBIDDEN', 'This needs an owner or manager account.');
}

/** Stripe Terminal, server-driven: the counter never talks to Stripe itself. */
const terminalRouter = router({
  registerReader: deviceProcedure
    .input(terminalRegisterReaderInput)
    .output(terminalReader)
    .mutation(({ ctx, input }) => registerReader(ctx.db, ctx.env, ctx.vendorId, input)),
  readers: deviceProcedure.output(z.array(terminalReader)).query(({ ctx }) => listReaders(ctx.db, ctx.env, ctx.vendorId)),
  start: deviceProcedure
    .input(terminalStartInput)
    .output(terminalStartResult)
    .mutation(({ ctx, input }) => startTerminalPayment(ctx.db, ctx.env, ctx.vendorId, input)),
  status: deviceProcedure
    .input(terminalPaymentInput)
    .output(terminalStatusResult)
    .query(({ ctx, input }) => terminalStatus(ctx.db, ctx.env, ctx.vendorId, input.paymentIntentId)),
  cancel: deviceProcedure
    .input(terminalPaymentInput)
    .output(terminalStatusResult)
    .mutation(({ ctx, input }) => cancelTerminalPayment(ctx.db, ctx.env, ctx.vendorId, input.paymentIntentId)),
  refund: deviceProcedure
    .input(terminalRefundInput)
    .output(terminalRefundResult)
    .mutation(({ ctx, input }) => refundTerminalPayment(ctx.db, ctx.env, ctx.vendorId, input)),
});

/**
 * Stripe Connect onboarding: the owner's web session, or the shop's paired counter (which lets only a
 * signed-in owner PIN reach these; a manager or cashier session on the web is refused here).
 */
function ownerOrCounter(actor: Actor): void {
  if (actor.kind === 'staff' && actor.role !== 'owner') throw new AppError('FORBIDDEN', 'This needs the owner account.');
}

const connectRouter = router({
  /** a fresh Stripe onboarding link (links are single-use; call again when the owner comes back via refresh) */
  link: vendorProcedure
    .input(connectLinkInput)
    .output(z.object({ url: z.string() }))
    .mutation(({ ctx, input }) => {
      ownerOrCounter(ctx.actor);
      return connectLink(ctx.db, ctx.env, ctx.vendorId, input.returnUrl);
    }),
  status: vendorProcedure.output(connectStatusResult).query(({ ctx }) => {
    ownerOrCounter(ctx.actor);
    return connectStatus(ctx.db, ctx.env, ctx.vendorId);
  }),
  /** re-reads the account from Stripe (the owner just returned from onboarding) */
  refresh: vendorProcedure.output(connectStatusResult).mutation(({ ctx }) => {
    ownerOrCounter(ctx.actor);
    return refreshConnect(ctx.db, ctx.env, ctx.vendorId);
  }),
});

export const paymentsRouter = router({
  /** anyone: the storefront decides whether to offer "Pay by card", a counter whether to offer its card tender */
  status: publicProcedure.output(paymentsStatusResult).query(({ ctx }) => paymentsStatus(ctx.db, ctx.env, ctx.actor)),
  /** the storefront asks before offering "Pay by card" for a cart */
  cardShops: publicProcedure
    .input(cardShopsInput)
    .output(cardShopsResult)
    .query(({ ctx, input }) => cardShops(ctx.db, ctx.env, input.vendorIds)),
  /** the storefront's card payment for a checkout placed with paymentMethod 'card' (guests prove it with the checkout key) */
  cardIntent: publicProcedure
    .input(cardIntentInput)
    .output(cardIntentResult)
    .mutation(({ ctx, input }) => cardIntent(ctx.db, ctx.env, input)),
  /** owner/manager (or the shop's counter) refunds part of a paid web order to the card; the shop's transfer is reversed pro rata */
  refundOrder: vendorProcedure
    .input(z.object({ orderId: uuidSchema, amountCents: centsSchema.min(1, 'A refund must be more than zero'), refundId: uuidSchema }))
    .output(refundResult)
    .mutation(({ ctx, input }) => {
      notCashier(ctx.actor);
      return refundWebOrder(ctx.db, ctx.env, ctx.vendorId, input);
    }),
  /** card money per day for the back office: owners/managers, or the shop's paired counter */
  payouts: vendorProcedure
    .input(payoutsInput)
    .output(payoutsResult)
    .query(({ ctx, input }) => {
      notCashier(ctx.actor);
      return payouts(ctx.db, ctx.vendorId, input);
    }),
  terminal: terminalRouter,
  connect: connectRouter,
});
