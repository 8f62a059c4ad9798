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
import { requireProven } from '../services/staff-proofs';
import { deviceProcedure, provenDeviceProcedure, publicProcedure, router, vendorProcedure, vendorRoleProcedure } from '../trpc';

/** Money views and refunds: owners and managers, in the back office or proven on the shop's counter. */
const managerOrCounterManager = vendorRoleProcedure(['owner', 'manager']);
/** Stripe onboarding: the owner, in the back office or proven on the shop's counter. */
const ownerOrCounterOwner = vendorRoleProcedure(['owner']);

/** Stripe Terminal, server-driven: the counter never talks to Stripe itself. */
const terminalRouter = router({
  /** a manager or the owner, proven on this counter */
  registerReader: deviceProcedure
    .use(({ ctx, next }) => {
      requireProven(ctx.actor.proven, ['owner', 'manager']);
      return next();
    })
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
  /**
   * A manager's or the owner's proof for a payment on a sale (a refund); any proven staff member for a payment
   * the sale never took (the customer changed their mind before the sale was completed).
   */
  refund: provenDeviceProcedure
    .input(terminalRefundInput)
    .output(terminalRefundResult)
    .mutation(({ ctx, input }) => refundTerminalPayment(ctx.db, ctx.env, ctx.vendorId, input, ctx.proven)),
});

/**
 * Stripe Connect onboarding: the owner's web session, or the shop's paired counter with the owner's proof.
 * The status is read by the counter's Payments screen without a proof (it shows no money); a manager or
 * cashier session on the web is refused it.
 */
function ownerOrCounter(actor: Actor): void {
  if (actor.kind === 'staff' && actor.role !== 'owner') throw new AppError('FORBIDDEN', 'This needs the owner account.');
}

const connectRouter = router({
  /** a fresh Stripe onboarding link (links are single-use; call again when the owner comes back via refresh) */
  link: ownerOrCounterOwner
    .input(connectLinkInput)
    .output(z.object({ url: z.string() }))
    .mutation(({ ctx, input }) => connectLink(ctx.db, ctx.env, ctx.vendorId, input.returnUrl)),
  status: vendorProcedure.output(connectStatusResult).query(({ ctx }) => {
    ownerOrCounter(ctx.actor);
    return connectStatus(ctx.db, ctx.env, ctx.vendorId);
  }),
  /** re-reads the account from Stripe (the owner just returned from onboarding) */
  refresh: ownerOrCounterOwner.output(connectStatusResult).mutation(({ ctx }) => refreshConnect(ctx.db, ctx.env, ctx.vendorId)),
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
  refundOrder: managerOrCounterManager
    .input(z.object({ orderId: uuidSchema, amountCents: centsSchema.min(1, 'A refund must be more than zero'), refundId: uuidSchema }))
    .output(refundResult)
    .mutation(({ ctx, input }) => refundWebOrder(ctx.db, ctx.env, ctx.vendorId, input)),
  /** card money per day for the back office: owners/managers, or the shop's paired counter */
  payouts: managerOrCounterManager
    .input(payoutsInput)
    .output(payoutsResult)
    .query(({ ctx, input }) => payouts(ctx.db, ctx.vendorId, input)),
  terminal: terminalRouter,
  connect: connectRouter,
});
