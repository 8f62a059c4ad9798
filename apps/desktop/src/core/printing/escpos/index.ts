export { renderEscPos, rowsToEscPos, layoutForPrinter } from './render';
export type { PrinterProfile } from './profile';
export { drawerKickBytes } from './drawer';
export { SUPPORTED_CODE_PAGES, canonicalCodePage } from './code-pages';
