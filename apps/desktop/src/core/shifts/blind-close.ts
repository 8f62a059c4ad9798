import { DEFAULT_BLIND_CLOSE } from '@makeries/shared';
import type { CounterDb } from '../db/open';
import { preparedFor } from '../db/prepared';
import { readDevice } from '../device/device';
import type { ShiftReport } from './report';

/*
 * Blind close (a shop setting, on by default): whoever counts the drawer must not know what it should hold, or
 * the count drifts towards it. So while a shift is open the core sends no figure the expected cash can be read
 * from: the cash drawer block and the cash tender's takings are withheld. The count is submitted blind, and the
 * Z report that answers it carries expected, counted and over/short.
 */

/** An X report as staff may see it: `cash` is null (and no cash tender row) while blind close hides them. */
export type ShiftReportView = Omit<ShiftReport, 'cash'> & {
  cash: ShiftReport['cash'] | null;
  /** the expected cash is withheld until the count is submitted */
  blind: boolean;
};

const queries = preparedFor((db) => ({
  blindClose: db.$client.prepare('SELECT blind_close AS on_ FROM mirror_vendor WHERE id = ?'),
}));

function blindCloseOn(db: CounterDb): boolean {
  const vendorId = readDevice(db).vendorId;
  const row = vendorId ? (queries(db).blindClose.get(vendorId) as { on_: number } | undefined) : undefined;
  return row ? row.on_ === 1 : DEFAULT_BLIND_CLOSE;
}

/** The report the UI gets: a closed shift in full; an open one without its cash expectation under blind close. */
export function reportForStaff(db: CounterDb, report: ShiftReport): ShiftReportView {
  if (report.status === 'closed' || !blindCloseOn(db)) return { ...report, blind: false };
  return { ...report, cash: null, tenders: report.tenders.filter((t) => t.kind !== 'cash'), blind: true };
}
