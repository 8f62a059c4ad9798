import fc from 'fast-check';

/**
 * The operations of the convergence property. Indices are resolved at run time modulo whatever exists then
 * (sales, orders, variants), so any generated sequence is runnable and replays exactly from the seed.
 */
export type Op =
  | { kind: 'sale'; counter: number; variant: number; quantity: number }
  | { kind: 'refund'; counter: number; sale: number; restock: boolean }
  | { kind: 'count'; counter: number; variant: number; quantity: number }
  | { kind: 'webOrder'; variant: number; quantity: number }
  | { kind: 'transition'; counter: number; order: number; choice: number }
  | { kind: 'cancelOnline'; order: number }
  | { kind: 'price'; variant: number; priceCents: number }
  | { kind: 'partition'; counter: number }
  | { kind: 'heal'; counter: number }
  | { kind: 'sync'; counter: number }
  | { kind: 'replay'; counter: number; back: number; count: number; ahead: boolean };

const counter = fc.integer({ min: 0, max: 2 });
const pick = fc.nat({ max: 1_000 });

export const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 30, arbitrary: fc.record({ kind: fc.constant('sale' as const), counter, variant: pick, quantity: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('refund' as const), counter, sale: pick, restock: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('count' as const), counter, variant: pick, quantity: fc.integer({ min: 0, max: 500 }) }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('webOrder' as const), variant: pick, quantity: fc.integer({ min: 1, max: 2 }) }) },
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('transition' as const), counter, order: pick, choice: pick }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('cancelOnline' as const), order: pick }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('price' as const), variant: pick, priceCents: fc.integer({ min: 50, max: 5_000 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('partition' as const), counter }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('heal' as const), counter }) },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('sync' as const), counter }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('replay' as const), counter, back: fc.integer({ min: 0, max: 20 }), count: fc.integer({ min: 1, max: 10 }), ahead: fc.boolean() }),
  },
);
