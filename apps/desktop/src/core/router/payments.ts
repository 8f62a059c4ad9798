import { attemptIdInput, completeWithCardsInput, registerReaderInput, startCardInput } from '../payments/schemas';
import { cartWrite, managerProcedure, queuedProcedure, router, staffProcedure } from './trpc';

/**
 * Card payments on the shop's Stripe Terminal reader (server-driven, online only). The tender dialog polls
 * `poll` while the customer presents their card; `complete` records the sale with the card payments taken.
 */
export const paymentsRouter = router({
  /** Whether "Card (reader)" works now, and if not why: offline, not set up, no reader registered. */
  availability: staffProcedure.query(({ ctx }) => ctx.core.payments.availability()),
  /** The readers registered for the shop, as Stripe sees them. */
  readers: staffProcedure.query(({ ctx }) => ctx.core.payments.readers()),
  /** Registers a reader with the code it shows on screen. */
  registerReader: managerProcedure.input(registerReaderInput).mutation(({ ctx, input }) => ctx.core.payments.registerReader(input)),

  /** Card payments of the open cart: taken (not on a sale yet), on the reader now, the latest message. */
  current: staffProcedure.query(({ ctx }) => ctx.core.payments.current()),
  /** Puts an amount of the open cart on the reader. */
  start: staffProcedure.input(startCardInput).mutation(({ ctx, input }) => ctx.core.payments.start(input)),
  /** One look at how the payment on the reader is going (also resends a start that got no answer). */
  poll: staffProcedure.input(attemptIdInput).mutation(({ ctx, input }) => ctx.core.payments.poll(input)),
  cancel: staffProcedure.input(attemptIdInput).mutation(({ ctx, input }) => ctx.core.payments.cancel(input)),
  /** Gives a taken card payment back to the card when the sale will not go ahead. */
  release: staffProcedure.input(attemptIdInput).mutation(({ ctx, input }) => ctx.core.payments.release(input)),

  /** Completes the open cart with the card payments taken plus the rest (cash, card machine). */
  complete: queuedProcedure
    .use(cartWrite)
    .input(completeWithCardsInput)
    .mutation(({ ctx, input }) => ctx.core.payments.complete(input)),
});
