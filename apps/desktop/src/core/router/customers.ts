import { z } from 'zod';
import { customersOf } from '../customers/customers';
import { attachCustomerInput, customerLookupInput, emailReceiptInput, receiptAddressInput, saleIdInput } from '../customers/inputs';
import { cartWrite, queuedProcedure, router, staffProcedure } from './trpc';

const attachInput = z.union([attachCustomerInput, z.object({ customer: z.null() })]);

/** Customers on a sale and emailed receipts. Lookup needs the connection; everything else works offline. */
export const customersRouter = router({
  /** exact email or phone; null when nobody matches */
  lookup: staffProcedure.input(customerLookupInput).query(({ ctx, input }) => customersOf(ctx.core.ctx).lookup(input)),
  attach: staffProcedure
    .use(cartWrite)
    .input(attachInput)
    .mutation(({ ctx, input }) => customersOf(ctx.core.ctx).attach(input)),
  setReceiptAddress: staffProcedure.input(receiptAddressInput).mutation(({ ctx, input }) => customersOf(ctx.core.ctx).setReceiptAddress(input)),
  current: staffProcedure.query(({ ctx }) => customersOf(ctx.core.ctx).current()),
  forSale: staffProcedure.input(saleIdInput).query(({ ctx, input }) => customersOf(ctx.core.ctx).forSale(input)),
  receiptEmails: staffProcedure.input(saleIdInput).query(({ ctx, input }) => customersOf(ctx.core.ctx).receiptEmails(input)),
  /** Queued in the outbox; sent by the server after the next sync ("Will send when back online"). */
  emailReceipt: queuedProcedure.input(emailReceiptInput).mutation(({ ctx, input }) => customersOf(ctx.core.ctx).emailReceipt(input)),
});
