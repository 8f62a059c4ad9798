import { auditTargetType, REPORT_KINDS, type ContentQueueInput, type ReportKind } from '@makeries/shared';

/** Inputs the console's content loaders and pages must both build the same way (the query key is the input). */

const QUEUE_PAGE = 25;
const REPORTS_PAGE = 20;
const HISTORY_PAGE = 20;

export type QueueSort = ContentQueueInput['sort'];

export function isReportKind(v: string | null | undefined): v is ReportKind {
  return (REPORT_KINDS as readonly string[]).includes(v ?? '');
}

/** The queue's filter from the address bar (`?kind=product&sort=most`); anything else means the default. */
export function queueFilter(params: URLSearchParams): { kind: ReportKind | null; sort: QueueSort } {
  const kind = params.get('kind');
  return { kind: isReportKind(kind) ? kind : null, sort: params.get('sort') === 'most' ? 'most' : 'newest' };
}

export function queueInput(f: { kind: ReportKind | null; sort: QueueSort }, cursor?: string) {
  return { limit: QUEUE_PAGE, sort: f.sort, ...(f.kind ? { kind: f.kind } : {}), ...(cursor ? { cursor } : {}) };
}

export function reportsInput(kind: ReportKind, id: string, cursor?: string) {
  return { kind, id, limit: REPORTS_PAGE, ...(cursor ? { cursor } : {}) };
}

export function historyInput(kind: ReportKind, id: string) {
  return { targetType: auditTargetType(kind), targetId: id, limit: HISTORY_PAGE };
}
