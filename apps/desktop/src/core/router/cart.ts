import { AppError } from '@makeries/shared';
import {
  addVariantInput,
  attachCustomerInput,
  cartIdInput,
  cartNoteInput,
  lineDiscountInput,
  lineIdInput,
  lineNoteInput,
  orderDiscountInput,
  parkInput,
  scanInput,
  setQuantityInput,
} from '../schemas/cart';
import { clearCartInput, setWeightInput } from './inputs';
import { cartWrite, router, staffProcedure } from './trpc';

/** Writes to the open cart: each success is announced to cart subscribers. */
const write = staffProcedure.use(cartWrite);

export const cartRouter = router({
  /** The sale in progress, or null before the first item. */
  current: staffProcedure.query(({ ctx }) => ctx.core.cart.current()),

  addByScan: write.input(scanInput).mutation(({ ctx, input }) => ctx.core.cart.addScan(input)),
  /** From search results or a quick key; weighed goods need `grams`. */
  addVariant: write.input(addVariantInput).mutation(({ ctx, input }) => ctx.core.cart.addVariant(input)),
  setQuantity: write.input(setQuantityInput).mutation(({ ctx, input }) => ctx.core.cart.setQuantity(input)),

  /** A re-weighed item; only for lines sold by weight, so a typo cannot turn 3 loaves into 3 kg. */
  setWeight: write.input(setWeightInput).mutation(({ ctx, input }) => {
    const line = ctx.core.cart.current()?.lines.find((l) => l.id === input.lineId);
    if (!line) throw new AppError('NOT_FOUND', 'That line is not in the current sale (it may have been voided).');
    if (line.soldBy !== 'weight') throw new AppError('BAD_INPUT', `${line.name} is sold by the item; change its quantity instead.`);
    return ctx.core.cart.setQuantity({ lineId: input.lineId, quantity: input.grams });
  }),

  /** Above the counter's limit a cashier needs `approval` (a manager's PIN). */
  lineDiscount: write.input(lineDiscountInput).mutation(({ ctx, input }) => ctx.core.cart.setLineDiscount(input)),
  orderDiscount: write.input(orderDiscountInput).mutation(({ ctx, input }) => ctx.core.cart.setOrderDiscount(input)),

  lineNote: write.input(lineNoteInput).mutation(({ ctx, input }) => ctx.core.cart.setLineNote(input)),
  note: write.input(cartNoteInput).mutation(({ ctx, input }) => ctx.core.cart.setNote(input)),
  customer: write.input(attachCustomerInput).mutation(({ ctx, input }) => ctx.core.cart.attachCustomer(input)),

  park: write.input(parkInput).mutation(({ ctx, input }) => ctx.core.cart.park(input)),
  resume: write.input(cartIdInput).mutation(({ ctx, input }) => ctx.core.cart.resume(input)),
  listParked: staffProcedure.query(({ ctx }) => ctx.core.cart.parked()),

  /** Voided lines stay on record with who and when. */
  voidLine: write.input(lineIdInput).mutation(({ ctx, input }) => ctx.core.cart.voidLine(input)),
  /** Abandons the whole sale before payment (kept for the audit trail). */
  clear: write.input(clearCartInput).mutation(({ ctx, input }) => {
    ctx.core.cart.voidCart(input);
    return { ok: true as const };
  }),

  /** The current cart now and after every change (a customer-facing display follows this). */
  onChange: staffProcedure.subscription(async function* ({ ctx, signal }) {
    const updates = ctx.events.stream('cart', signal);
    yield ctx.core.cart.current();
    for await (const cart of updates) yield cart;
  }),
});
