import { ALL, CUSTOMER, m, q, type Policy } from './policy-kit';

/** Issue 18: notifications. The push and SMS parts add theirs here. */
export const NOTIFICATION_POLICIES: Readonly<Record<string, Policy>> = {
  'notifications.prefs': q(CUSTOMER, 'the customer’s own choices of what we tell them and how'),
  'notifications.setPref': m(CUSTOMER, 'the customer’s own choices'),
  'notifications.history': q(CUSTOMER, 'what we told the customer (their own record, paged)'),
  'notifications.smsAvailable': q(ALL, 'whether this marketplace sends texts at all (the checkout offers them); no one’s data'),
  'notifications.sms': q(CUSTOMER, 'the customer’s own number and whether they want texts'),
  'notifications.setSms': m(CUSTOMER, 'the customer’s own number and choice'),
};
