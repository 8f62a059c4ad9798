import type { OrderStatus } from '@makeries/shared';

export const STATUS_LABEL: Record<OrderStatus, string> = {
  placed: 'New',
  accepted: 'Accepted',
  preparing: 'Preparing',
  ready: 'Ready',
  out_for_delivery: 'Out for delivery',
  completed: 'Completed',
  rejected: 'Rejected',
  cancelled: 'Cancelled',
};

export const STATUS_COLOR: Record<OrderStatus, string> = {
  placed: 'orange',
  accepted: 'blue',
  preparing: 'indigo',
  ready: 'green',
  out_for_delivery: 'cyan',
  completed: 'gray',
  rejected: 'red',
  cancelled: 'gray',
};

/** The button that moves an order on, in the words of the kitchen. */
export const MOVE_LABEL: Partial<Record<OrderStatus, string>> = {
  preparing: 'Start preparing',
  ready: 'Mark ready',
  out_for_delivery: 'Out for delivery',
  completed: 'Picked up / complete',
};

export type Tab = 'new' | 'active' | 'done';

export const TAB_STATUSES: Record<Tab, OrderStatus[]> = {
  new: ['placed'],
  active: ['accepted', 'preparing', 'ready', 'out_for_delivery'],
  done: ['completed', 'rejected', 'cancelled'],
};

export function contactOf(contact: Record<string, unknown> | null): { name: string; phone: string; email: string } {
  const s = (k: string) => (contact && typeof contact[k] === 'string' ? contact[k] : '');
  return { name: s('name'), phone: s('phone'), email: s('email') };
}
