import { currentLocale, isAppError, type TestPageDocument } from '@makeries/shared';
import { vendorSettings } from '../../catalog/vendor';
import { readDevice } from '../../device/device';
import type { CounterDb } from '../../db/open';
import { canonicalCodePage } from '../escpos/code-pages';
import { parseProfile, type PrinterProfile } from '../escpos/profile';
import { finish } from './context';

export interface TestPageOptions {
  printerName: string;
  profile: PrinterProfile;
  printedAt: string;
  /** the transport as configured, e.g. tcp://192.168.1.50:9100 */
  transport?: string;
}

/** Settings → "Test print": the printer's own settings, sample accented text, sizes and a QR code. */
export function buildTestPage(db: CounterDb, options: TestPageOptions): TestPageDocument {
  const profile = parseProfile(options.profile);
  // before the shop's settings arrive: the marketplace's currency if a pull said it, else ISO's "no currency"
  let shop = { name: 'Makeries counter', timezone: 'UTC', currency: readDevice(db).marketCurrency ?? 'XXX', locale: currentLocale() };
  try {
    shop = vendorSettings(db);
  } catch (e) {
    // a printer is often set up before the first sync brings the shop's settings
    if (!isAppError(e) || e.code !== 'CONFLICT') throw e;
  }
  const details = [
    `Paper: ${profile.paperWidth} mm`,
    `Commands: ${profile.commandSet.toUpperCase()}`,
    `Code page: ${canonicalCodePage(profile.codePage) ?? profile.codePage}`,
    ...(options.transport ? [`Connection: ${options.transport}`] : []),
  ];
  return finish('test_page', {
    kind: 'test_page',
    store: { name: shop.name },
    currency: shop.currency,
    locale: shop.locale,
    timezone: shop.timezone,
    printerName: options.printerName,
    printedAt: options.printedAt,
    details,
    // plain text, so pointing a barcode scanner at the page tests the scanner too
    qr: { data: 'MAKERIES-PRINTER-TEST', caption: 'Scan me: MAKERIES-PRINTER-TEST' },
  });
}
