import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canTransition,
  holdsReservation,
  isTerminal,
  nextStatuses,
  ORDER_STATUSES,
  ORDER_TRANSITIONS,
  TERMINAL_STATUSES,
  type OrderStatus,
  type TransitionActor,
} from './order-status';

const ACTORS: readonly TransitionActor[] = ['vendor', 'customer', 'system'];
const FULFILMENTS = [undefined, 'pickup', 'delivery', 'counter'] as const;

describe('order lifecycle (DESIGN §3)', () => {
  it('lets the vendor take a pickup order from placed to completed', () => {
    const path: OrderStatus[] = ['placed', 'accepted', 'preparing', 'ready', 'completed'];
    for (let i = 1; i < path.length; i++) {
      expect(canTransition(path[i - 1] as OrderStatus, path[i] as OrderStatus, 'vendor', 'pickup')).toBe(true);
    }
  });

  it('lets an accepted order skip preparing (ready straight away)', () => {
    expect(canTransition('accepted', 'ready', 'vendor', 'pickup')).toBe(true);
  });

  it('sends only delivery orders out for delivery', () => {
    expect(canTransition('ready', 'out_for_delivery', 'vendor', 'delivery')).toBe(true);
    expect(canTransition('out_for_delivery', 'completed', 'vendor', 'delivery')).toBe(true);
    expect(canTransition('ready', 'out_for_delivery', 'vendor', 'pickup')).toBe(false);
    expect(canTransition('ready', 'out_for_delivery', 'vendor', 'counter')).toBe(false);
    expect(canTransition('ready', 'out_for_delivery', 'vendor')).toBe(false);
    expect(nextStatuses('ready', 'vendor', 'delivery')).toEqual(['out_for_delivery', 'completed']);
    expect(nextStatuses('ready', 'vendor', 'pickup')).toEqual(['completed']);
  });

  it('allows rejecting or cancelling only before preparation starts', () => {
    for (const from of ['placed', 'accepted'] as const) {
      expect(canTransition(from, 'rejected', 'vendor')).toBe(true);
      expect(canTransition(from, 'cancelled', 'vendor')).toBe(true);
    }
    for (const from of ['preparing', 'ready', 'out_for_delivery'] as const) {
      expect(canTransition(from, 'rejected', 'vendor')).toBe(false);
      expect(canTransition(from, 'cancelled', 'vendor')).toBe(false);
    }
  });

  it('lets a customer withdraw only an order nobody has accepted', () => {
    expect(canTransition('placed', 'cancelled', 'customer')).toBe(true);
    expect(canTransition('accepted', 'cancelled', 'customer')).toBe(false);
    expect(nextStatuses('placed', 'customer')).toEqual(['cancelled']);
    for (const from of ORDER_STATUSES) {
      for (const to of ORDER_STATUSES) {
        if (from === 'placed' && to === 'cancelled') continue;
        expect(canTransition(from, to, 'customer', 'pickup')).toBe(false);
      }
    }
  });

  it('lets the system do what a vendor may do (timeouts, payment failures)', () => {
    for (const from of ORDER_STATUSES) {
      for (const f of FULFILMENTS) {
        expect(nextStatuses(from, 'system', f)).toEqual(nextStatuses(from, 'vendor', f));
      }
    }
  });

  it('ends in completed, rejected or cancelled, which nothing leaves', () => {
    expect([...TERMINAL_STATUSES].sort()).toEqual(['cancelled', 'completed', 'rejected']);
    for (const s of TERMINAL_STATUSES) {
      expect(isTerminal(s)).toBe(true);
      for (const a of ACTORS) expect(nextStatuses(s, a, 'delivery')).toEqual([]);
    }
    expect(isTerminal('ready')).toBe(false);
  });

  it('holds stock reserved until the order is handed over or withdrawn', () => {
    const holding = ORDER_STATUSES.filter(holdsReservation);
    expect(holding).toEqual(['placed', 'accepted', 'preparing', 'ready', 'out_for_delivery']);
  });
});

describe('transition table (properties)', () => {
  const status = fc.constantFrom(...ORDER_STATUSES);
  const actor = fc.constantFrom(...ACTORS);
  const fulfilment = fc.constantFrom(...FULFILMENTS);
  const params = { seed: 31_337, numRuns: 500 };

  it('canTransition agrees with nextStatuses, and no status moves to itself', () => {
    fc.assert(
      fc.property(status, status, actor, fulfilment, (from, to, a, f) => {
        expect(canTransition(from, to, a, f)).toBe(nextStatuses(from, a, f).includes(to));
        if (from === to) expect(canTransition(from, to, a, f)).toBe(false);
      }),
      params,
    );
  });

  it('never goes backwards: every chain of legal moves ends in a terminal status', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 10 }), fulfilment, (choices, f) => {
        let s: OrderStatus = 'placed';
        const seen = new Set<OrderStatus>([s]);
        for (const c of choices) {
          const options = nextStatuses(s, 'vendor', f);
          if (options.length === 0) break;
          s = options[c % options.length] as OrderStatus;
          expect(seen.has(s)).toBe(false);
          seen.add(s);
        }
        // from wherever we stopped, a terminal status is still reachable
        const reachable = new Set<OrderStatus>([s]);
        for (let i = 0; i < ORDER_STATUSES.length; i++) {
          for (const r of [...reachable]) for (const n of nextStatuses(r, 'vendor', f)) reachable.add(n);
        }
        expect([...reachable].some(isTerminal)).toBe(true);
      }),
      params,
    );
  });

  it('has a rule list for every status', () => {
    expect(Object.keys(ORDER_TRANSITIONS).sort()).toEqual([...ORDER_STATUSES].sort());
  });
});
