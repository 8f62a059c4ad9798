import { createCounterCore } from '../../index';

/*
 * The print crash test's victim: a counter on a data dir already paired, with a drawer printer set up and a
 * shift open. It signs in, starts printing (settling what the last crash interrupted), makes `sales` cash
 * sales and asks for each receipt, then idles until the parent kills it. It prints `sale <number>` after each
 * sale committed. argv[2] is a JSON PrintCrashChildArgs.
 */

/** Only types may be imported from here: importing the module runs the child. */
export interface PrintCrashChildArgs {
  dataDir: string;
  staffId: string;
  pin: string;
  variantId: string;
  sales: number;
}

async function main(): Promise<void> {
  const raw = process.argv[2];
  if (!raw) throw new Error('usage: print-crash-child.ts <json args>');
  const args = JSON.parse(raw) as PrintCrashChildArgs;
  const core = createCounterCore({
    dataDir: args.dataDir,
    printing: { backoff: () => 50, transports: { tcp: { connectTimeoutMs: 2_000, ioTimeoutMs: 5_000, statusTimeoutMs: 300 } } },
  });
  await core.staff.login({ staffId: args.staffId, pin: args.pin });
  core.printing.start();
  for (let i = 0; i < args.sales; i++) {
    core.cart.addVariant({ variantId: args.variantId, quantity: 1 });
    const cart = core.cart.current();
    if (!cart) throw new Error('no open cart after adding a line');
    const sale = core.sales.complete({ cartId: cart.id, tenders: [{ kind: 'cash', tenderedCents: cart.totals.totalCents }] });
    core.printing.printReceipt({ saleId: sale.id });
    process.stdout.write(`sale ${sale.number}\n`);
  }
  setInterval(() => {}, 60_000);
}

main().catch((e: unknown) => {
  process.stderr.write(`print crash child failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
