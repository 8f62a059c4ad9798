export type { Channel, DeliveryOutcome, OutgoingNotification } from './channel';
export { notify, notifyMany, NOTIFY_BATCH, NOTIFY_JOB, type NotifyRequest } from './notify';
export { deliverBatch, registerNotifyJobs } from './deliver';
export { createEmailChannel } from './email-channel';
export { notifyChannels } from './channels';
export { customerPrefs, setCustomerPref } from './prefs';
export { notificationHistory } from './history';
export { notifyOrderStatus } from './order-status';
