/**
 * Who may call each tRPC procedure, as data (issue 12, "A suite that keeps it true"). `matrix.test.ts` checks
 * this table against `appRouter` both ways (a procedure without a policy fails the suite, naming it) and then
 * calls every procedure as every role. Cross-tenant calls (`otherShop`: staff or a counter of another shop
 * naming this shop's ids) are covered by routers/cross-tenant.test.ts and services/sync/cross-tenant-push.test.ts.
 */

import { ADMIN_POLICIES } from './admin/index';
import { NOTIFICATION_POLICIES } from './notifications';
import { EXTRAS_POLICIES } from './extras';
import { ALL, CUSTOMER, DEVICE, DEVICE_MANAGERS, m, MANAGERS, q, STAFF, VENDOR, type Policy, type Role } from './policy-kit';

export { ROLES, type Policy, type Role } from './policy-kit';

export const POLICIES: Readonly<Record<string, Policy>> = {
  ...ADMIN_POLICIES,
  ...NOTIFICATION_POLICIES,
  ...EXTRAS_POLICIES,
  'auth.staffLogin': m(ALL, 'the back-office sign-in form: anyone may try, throttled per place, address and account', 'proof'),
  'auth.staffLogout': m(STAFF, 'ends the caller’s own staff session'),
  'auth.me': q(ALL, 'describes whoever is calling, anonymous included'),
  'auth.customerSignup': m(ALL, 'anyone may sign up: the same answer, no cookie and one email whether or not the address has an account (rate-limited per address and IP)'),
  'auth.verifyEmail': m(ALL, 'the emailed confirmation token is the proof; it signs nobody in', 'proof'),
  'auth.resendVerification': m(ALL, 'same answer whatever the address; rate-limited per address and IP'),
  'auth.customerLogin': m(ALL, 'the storefront sign-in form: anyone may try, throttled', 'proof'),
  'auth.customerLogout': m(ALL, 'always succeeds so a stale cookie can be cleared; deletes only a customer’s own session'),
  'auth.requestPasswordReset': m(ALL, 'same answer whether or not the email has an account'),
  'auth.resetPassword': m(ALL, 'the emailed reset token is the proof', 'proof'),

  'bridges.status': q([...MANAGERS, ...DEVICE_MANAGERS], 'the point-of-sale link of the shop: owners and managers, at a counter with their staff proof'),
  'bridges.connectUrl': m(['owner', 'deviceOwner'], 'connecting the shop to its POS account: the owner only'),
  'bridges.partnerAccounts': q(['owner', 'deviceOwner'], 'the Toast restaurants that added Makeries, to claim this shop’s: the owner only'),
  'bridges.claimAccount': m(['owner', 'deviceOwner'], 'connects the shop to a restaurant that added Makeries in Toast (added with the owner’s address): the owner only'),
  'bridges.locations': q(['owner', 'deviceOwner'], 'the POS account’s locations, to choose this shop’s: the owner only'),
  'bridges.chooseLocation': m(['owner', 'deviceOwner'], 'which POS location is this shop (starts reading its catalog): the owner only'),
  'bridges.startImport': m(['owner', 'deviceOwner'], 'reads the POS catalog again for a new preview: the owner only'),
  'bridges.preview': q([...MANAGERS, ...DEVICE_MANAGERS], 'what the first import would do: owners and managers'),
  'bridges.attention': q([...MANAGERS, ...DEVICE_MANAGERS], 'the imported items that need attention, paged: owners and managers'),
  'bridges.applyImport': m(['owner', 'deviceOwner'], 'applies the previewed import (and the match choice): the owner only'),
  'bridges.setOptions': m(['owner', 'deviceOwner'], 'whether web orders show in the POS (a POS fee applies): the owner only'),
  'bridges.pause': m(['owner', 'deviceOwner'], 'stops the bridge: the owner only'),
  'bridges.resume': m(['owner', 'deviceOwner'], 'restarts the bridge: the owner only'),
  'bridges.disconnect': m(['owner', 'deviceOwner'], 'revokes the POS access: the owner only'),
  'bridges.syncNow': m([...MANAGERS, ...DEVICE_MANAGERS], 'checks the POS for changes now: owners and managers'),
  'bridges.log': q([...MANAGERS, ...DEVICE_MANAGERS], 'the bridge’s sync log, paged: owners and managers'),
  'bridges.failedJobs': q([...MANAGERS, ...DEVICE_MANAGERS], 'bridge work that failed for good, paged: owners and managers'),
  'bridges.retryJob': m([...MANAGERS, ...DEVICE_MANAGERS], 'gives a failed bridge job of this shop a new set of attempts: owners and managers'),

  'vendors.register': m(ALL, 'a new shop applies; it starts pending approval'),
  'vendors.list': q(ALL, 'storefront directory of approved shops'),
  'vendors.directory': q(ALL, 'the home page’s shops (nearest or most popular), one bounded page at a time'),
  'vendors.bySlug': q(ALL, 'a shop’s public page'),
  'vendors.byId': q(ALL, 'a shop’s public page by id'),
  'vendors.mine': q(STAFF, 'the signed-in staff member’s own shop profile'),
  'vendors.update': m(MANAGERS, 'shop settings are for owners and managers'),
  'vendors.setPaused': m(MANAGERS, 'pausing online orders is for owners and managers'),

  'staff.list': q(MANAGERS, 'the staff list (with PIN status) is for owners and managers'),
  'staff.create': m(MANAGERS, 'hiring; a manager cannot create an owner (checked in the service)'),
  'staff.update': m(MANAGERS, 'role/PIN changes; the service refuses a manager touching an owner'),
  'staff.deactivate': m(MANAGERS, 'the service refuses deactivating the owner or oneself'),
  'staff.verifyPin': m(DEVICE, 'a paired counter checks a PIN online, throttled per staff member'),

  'devices.createPairingCode': m(MANAGERS, 'pairing a new counter is for owners and managers'),
  'devices.pair': m(ALL, 'a fresh counter has only the code a manager read out to it', 'proof'),
  'devices.list': q(MANAGERS, 'the shop’s counters'),
  'devices.revoke': m(MANAGERS, 'unpairing a counter'),
  'devices.me': q(DEVICE, 'the calling counter’s own profile'),

  'catalog.categories': q(ALL, 'the marketplace taxonomy'),
  'catalog.popular': q(ALL, 'the market’s best sellers from the rollup, public like search'),
  'catalog.taxRates.list': q(MANAGERS, 'tax set-up is for owners and managers'),
  'catalog.taxRates.create': m(MANAGERS, 'tax set-up is for owners and managers'),
  'catalog.taxRates.update': m(MANAGERS, 'tax set-up is for owners and managers'),
  'catalog.taxRates.remove': m(MANAGERS, 'tax set-up is for owners and managers'),

  'products.list': q(VENDOR, 'the shop’s own catalog, hidden products included'),
  'products.byId': q(ALL, 'public for storefront products; the shop’s own staff and counters see hidden ones'),
  'products.create': m(MANAGERS, 'catalog edits from the back office'),
  'products.update': m(MANAGERS, 'catalog edits from the back office'),
  'products.upsertVariant': m(MANAGERS, 'catalog edits from the back office'),
  'products.archive': m(MANAGERS, 'catalog edits from the back office'),
  'products.uploadImage': m(MANAGERS, 'catalog edits from the back office'),
  'products.uploadImageFromCounter': m(DEVICE_MANAGERS, 'the counter’s back office: a manager’s or the owner’s staff proof', 'handler'),
  'products.removeImage': m(MANAGERS, 'catalog edits from the back office'),

  'inventory.receive': m(STAFF, 'any staff member books a delivery in'),
  'inventory.count': m(STAFF, 'any staff member records a stock count'),
  'inventory.adjust': m(MANAGERS, 'write-offs and corrections are for owners and managers'),
  'inventory.levels': q(VENDOR, 'the shop’s own stock'),
  'inventory.lowStock': q(VENDOR, 'the shop’s own stock'),
  'inventory.movements': q(VENDOR, 'the shop’s own stock ledger'),
  'inventory.alerts': q(VENDOR, 'the shop’s own stock alerts'),
  'inventory.resolveAlert': m(STAFF, 'any staff member may clear a stock alert of their shop'),

  'orders.checkout': m(ALL, 'guests and customers order; a customer’s orders are linked to the account'),
  'orders.byId': q(ALL, 'the ordering customer, the shop’s staff/counters, or anyone with the order’s tracking token', 'proof'),
  'orders.listForVendor': q(VENDOR, 'the shop’s own web orders'),
  'orders.listMine': q(CUSTOMER, 'the customer’s own orders'),
  'orders.transition': m(ALL, 'the shop moves its orders; the customer (or the tracking-token holder) may only cancel', 'proof'),

  'payments.status': q(ALL, 'whether card payments are offered'),
  'payments.cardShops': q(ALL, 'which shops of a cart take cards'),
  'payments.cardIntent': m(ALL, 'the card payment of a checkout; a guest proves it with the checkout key', 'proof'),
  'payments.refundOrder': m([...MANAGERS, ...DEVICE_MANAGERS], 'money back to a card: owners and managers, at a counter with their staff proof', 'handler'),
  'payments.payouts': q([...MANAGERS, ...DEVICE_MANAGERS], 'card money per day: owners and managers, at a counter with their staff proof', 'handler'),
  'payments.terminal.registerReader': m(DEVICE_MANAGERS, 'adding a card reader: a manager’s or the owner’s staff proof on the counter'),
  'payments.terminal.readers': q(DEVICE, 'card readers are driven by the counter'),
  'payments.terminal.start': m(DEVICE, 'card readers are driven by the counter'),
  'payments.terminal.status': q(DEVICE, 'card readers are driven by the counter'),
  'payments.terminal.cancel': m(DEVICE, 'card readers are driven by the counter'),
  'payments.terminal.refund': m(['deviceCashier', ...DEVICE_MANAGERS], 'releasing a payment no sale took needs any staff proof; refunding a completed sale’s payment a manager’s', 'handler'),
  'payments.connect.link': m(['owner', 'deviceOwner'], 'Stripe onboarding: the owner, at a counter with the owner’s staff proof', 'handler'),
  'payments.connect.status': q(['owner', ...DEVICE], 'whether card payments work: the owner, or any counter of the shop (it offers the card only when they do)', 'handler'),
  'payments.connect.refresh': m(['owner', 'deviceOwner'], 'Stripe onboarding: the owner, at a counter with the owner’s staff proof', 'handler'),

  'cart.quote': q(ALL, 'prices a browser cart; reads public data only'),
  'search.products': q(ALL, 'public storefront search'),
  'search.autocomplete': q(ALL, 'public storefront search'),
  'search.vendorsNearby': q(ALL, 'public storefront search'),

  'sync.push': m(DEVICE, 'the counter sync protocol'),
  'sync.pull': q(DEVICE, 'the counter sync protocol'),
  'sync.rejections': q(DEVICE, 'the counter sync protocol'),

  'counterCustomers.lookup': q(DEVICE, 'a counter finds a customer by exact email or phone (masked unless theirs)'),
  'counterCustomers.uploadReceiptLogo': m(DEVICE_MANAGERS, 'the receipt logo: a manager’s or the owner’s staff proof on the counter'),
  'counterCustomers.receiptLogo': q(DEVICE, 'the counter’s receipt logo'),
  'counterCustomers.removeReceiptLogo': m(DEVICE_MANAGERS, 'the receipt logo: a manager’s or the owner’s staff proof on the counter'),
  'counterSales.find': q(DEVICE, 'refunds at any till of the shop'),
  'counterSales.refund': m(DEVICE_MANAGERS, 'refunds at any till of the shop: the approving manager’s (or the refunding manager’s) staff proof', 'handler'),

  'reviews.list': q(ALL, 'reviews are public'),
  'reviews.summary': q(ALL, 'ratings are public'),
  'reviews.forOrder': q(CUSTOMER, 'what the customer can review on one of their orders'),
  'reviews.reviewedOrders': q(CUSTOMER, 'the customer’s own reviews'),
  'reviews.create': m(CUSTOMER, 'verified purchases only (checked in the service)'),
  'reviews.update': m(CUSTOMER, 'the customer’s own review'),

  'reports.create': m(CUSTOMER, 'a signed-in customer reports a product, shop or review (one open report per item, 10 an hour)'),

  'favourites.list': q(CUSTOMER, 'the customer’s own favourites'),
  'favourites.ids': q(CUSTOMER, 'the customer’s own favourites'),
  'favourites.set': m(CUSTOMER, 'the customer’s own favourites'),

  'addresses.list': q(CUSTOMER, 'the customer’s own addresses'),
  'addresses.create': m(CUSTOMER, 'the customer’s own addresses'),
  'addresses.update': m(CUSTOMER, 'the customer’s own addresses'),
  'addresses.makeDefault': m(CUSTOMER, 'the customer’s own addresses'),
  'addresses.remove': m(CUSTOMER, 'the customer’s own addresses'),

  'market.settings': q(ALL, 'the marketplace’s locale, currency, country, time zone and city: every page shows prices with them'),
  'market.districts': q(ALL, 'the city’s postcode districts (seed data, paged): the storefront places a typed postcode with them'),
};

/** The most privileged role a policy allows (the fuzzer calls as it), or null when the procedure is open to all. */
export function strongestAllowed(p: Policy): Role {
  for (const r of ['owner', 'deviceOwner', 'device', 'manager', 'deviceManager', 'cashier', 'deviceCashier', 'customer', 'operator', 'anonymous'] as const) if (p.allow.includes(r)) return r;
  throw new Error('a policy allows nobody');
}

/** A role the policy refuses, preferring one that is signed in (the interesting refusal), or null. */
export function refusedRole(p: Policy): Role | null {
  for (const r of ['device', 'cashier', 'deviceCashier', 'customer', 'manager', 'anonymous'] as const) if (!p.allow.includes(r)) return r;
  return null;
}
