/**
 * The web-order state machine (DESIGN §3). This table is the only place transitions are defined;
 * server, counter and storefront all call `canTransition`.
 */
export const ORDER_STATUSES = [
  'placed',
  'accepted',
  'preparing',
  'ready',
  'out_for_delivery',
  'completed',
  'rejected',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Who asks for a transition. Vendors run the kitchen; customers may only withdraw an order nobody accepted. */
export type TransitionActor = 'vendor' | 'customer' | 'system';

interface TransitionRule {
  to: OrderStatus;
  by: readonly TransitionActor[];
  /** only for orders with this fulfilment; absent = any */
  fulfilment?: 'delivery' | 'pickup';
}

const V: readonly TransitionActor[] = ['vendor', 'system'];
const VC: readonly TransitionActor[] = ['vendor', 'customer', 'system'];

export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly TransitionRule[]>> = {
  placed: [
    { to: 'accepted', by: V },
    { to: 'rejected', by: V },
    { to: 'cancelled', by: VC },
  ],
  accepted: [
    { to: 'preparing', by: V },
    { to: 'ready', by: V },
    { to: 'rejected', by: V },
    { to: 'cancelled', by: V },
  ],
  preparing: [{ to: 'ready', by: V }],
  ready: [
    { to: 'out_for_delivery', by: V, fulfilment: 'delivery' },
    { to: 'completed', by: V },
  ],
  out_for_delivery: [{ to: 'completed', by: V }],
  completed: [],
  rejected: [],
  cancelled: [],
};

export const TERMINAL_STATUSES: readonly OrderStatus[] = ['completed', 'rejected', 'cancelled'];

export function isTerminal(s: OrderStatus): boolean {
  return TERMINAL_STATUSES.includes(s);
}

export function canTransition(
  from: OrderStatus,
  to: OrderStatus,
  actor: TransitionActor,
  fulfilment?: 'delivery' | 'pickup' | 'counter',
): boolean {
  return ORDER_TRANSITIONS[from].some(
    (r) => r.to === to && r.by.includes(actor) && (!r.fulfilment || r.fulfilment === fulfilment),
  );
}

export function nextStatuses(
  from: OrderStatus,
  actor: TransitionActor,
  fulfilment?: 'delivery' | 'pickup' | 'counter',
): OrderStatus[] {
  return ORDER_TRANSITIONS[from]
    .filter((r) => r.by.includes(actor) && (!r.fulfilment || r.fulfilment === fulfilment))
    .map((r) => r.to);
}

/** Statuses that hold stock reserved for the order (not yet handed over, not withdrawn). */
export function holdsReservation(s: OrderStatus): boolean {
  return s === 'placed' || s === 'accepted' || s === 'preparing' || s === 'ready' || s === 'out_for_delivery';
}
