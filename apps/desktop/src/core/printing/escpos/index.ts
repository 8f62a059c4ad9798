export { renderEscPos, rowsToEscPos, layoutForPrinter } from './render';
export type { PrinterProfile } from './profile';
export { printerProfileSchema } from './profile';
export { drawerKickBytes } from './drawer';
export { SUPPORTED_CODE_PAGES, resolveCodePage, canonicalCodePage, type CommandSet } from './code-pages';
export { printableFor } from './charset';
