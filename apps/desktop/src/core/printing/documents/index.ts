export { buildSaleReceipt, buildReprintReceipt, type ReprintOptions } from './sale';
export { buildRefundReceipt } from './refund';
export { buildKitchenTicket } from './kitchen';
export { buildShiftReportDocument } from './shift-report';
export { buildTestPage, type TestPageOptions } from './test-page';
export { receiptUrl, type ReceiptOptions, type StoreExtras, type TicketOptions } from './context';
