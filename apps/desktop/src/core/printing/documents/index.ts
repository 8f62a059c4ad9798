export { buildSaleReceipt, buildReprintReceipt } from './sale';
export { buildRefundReceipt } from './refund';
export { buildKitchenTicket } from './kitchen';
export { buildShiftReportDocument } from './shift-report';
export { buildTestPage } from './test-page';
export { type ReceiptOptions, type StoreExtras, type TicketOptions } from './context';
