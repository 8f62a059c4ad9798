import { isErrorCode, type ErrorCode, type ErrorIssue } from '@makeries/shared';

/*
 * Errors as staff see them. The counter already words its AppErrors for the till (`data.appCode` + message);
 * this only adds sentences for what the counter cannot say itself (it is not answering at all).
 */

export interface ApiErrorInfo {
  /** our ErrorCode, or NETWORK when the counter did not answer */
  code: ErrorCode | 'NETWORK';
  message: string;
  issues: ErrorIssue[];
  details: Record<string, unknown>;
}

export const NOT_ANSWERING = 'The counter is not answering. Check that it is still running, then try again.';
const UNKNOWN = 'Something went wrong. Please try again.';

interface WireData {
  appCode?: unknown;
  issues?: unknown;
  details?: unknown;
}

function wireData(e: object): WireData | null {
  const data = (e as { data?: unknown }).data;
  return data && typeof data === 'object' ? data : null;
}

export function apiError(e: unknown): ApiErrorInfo {
  if (!(e instanceof Error)) return { code: 'INTERNAL', message: typeof e === 'string' && e ? e : UNKNOWN, issues: [], details: {} };
  const data = wireData(e);
  if (data && isErrorCode(data.appCode)) {
    return {
      code: data.appCode,
      message: e.message || UNKNOWN,
      issues: Array.isArray(data.issues) ? (data.issues as ErrorIssue[]) : [],
      details: data.details && typeof data.details === 'object' ? (data.details as Record<string, unknown>) : {},
    };
  }
  // no error shape: the request never got an answer (fetch failed, the IPC bridge is gone)
  if (!data && e.name === 'TRPCClientError') return { code: 'NETWORK', message: NOT_ANSWERING, issues: [], details: {} };
  return { code: 'INTERNAL', message: e.message || UNKNOWN, issues: [], details: {} };
}

export function errorMessage(e: unknown): string {
  return apiError(e).message;
}

/** A cashier tried something only a manager may allow: ask for a manager's PIN and send it again. */
export function needsApproval(e: unknown): boolean {
  const info = apiError(e);
  return info.code === 'FORBIDDEN' && info.details.needsApproval === true;
}

export function isSignedOut(e: unknown): boolean {
  return apiError(e).code === 'UNAUTHENTICATED';
}
