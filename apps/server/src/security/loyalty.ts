import { CUSTOMER, DEVICE, DEVICE_MANAGERS, m, MANAGERS, q, VENDOR, type Policy } from './policy-kit';

/** Loyalty (issue 18): spread into POLICIES. */
export const LOYALTY_POLICIES: Readonly<Record<string, Policy>> = {
  'loyalty.programme': q(VENDOR, 'the shop’s own programme: its staff and counters (the till shows what a sale will earn)'),
  'loyalty.setProgramme': m([...MANAGERS, ...DEVICE_MANAGERS], 'setting up the programme: owners and managers, at a counter with their staff proof'),
  'loyalty.overdrawn': q([...MANAGERS, ...DEVICE_MANAGERS], 'offline redemptions that overdrew a card: owners and managers, at a counter with their staff proof'),
  'loyalty.mine': q(CUSTOMER, 'the customer’s own cards, paged'),
  'loyalty.forShops': q(CUSTOMER, 'the customer’s own cards at the shops of a cart'),
  'loyalty.myQr': q(CUSTOMER, 'the customer’s own card code'),
  'loyalty.counterLookup': q(DEVICE, 'a counter finds a customer by QR, exact phone or email (masked unless theirs) and their card at this shop'),
  'loyalty.counterBalance': q(DEVICE, 'a counter checks the card at this shop of the customer attached to a sale'),
};
