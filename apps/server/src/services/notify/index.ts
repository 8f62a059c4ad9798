/** What the rest of the server uses of notifications: queue them, and a customer's choices and record. */
export { notify, notifyMany, type NotifyRequest } from './notify';
export { customerPrefs, setCustomerPref } from './prefs';
export { notificationHistory } from './history';
