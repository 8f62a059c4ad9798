import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { apiError, errorMessage, isSignedOut, needsApproval, NOT_ANSWERING } from './errors';

/** An error as the counter's errorFormatter sends it (data.appCode + a sentence for staff). */
function fromCounter(appCode: string, message: string, details?: Record<string, unknown>) {
  return TRPCClientError.from({ error: { message, code: -32603, data: { code: 'FORBIDDEN', httpStatus: 403, appCode, issues: undefined, details } } });
}

describe('errors as staff see them', () => {
  it('shows the counter’s own sentence and keeps its code', () => {
    const e = fromCounter('INVALID_CREDENTIALS', 'Wrong PIN. 2 tries left before a lockout.', { attemptsLeft: 2 });
    expect(errorMessage(e)).toBe('Wrong PIN. 2 tries left before a lockout.');
    expect(apiError(e)).toMatchObject({ code: 'INVALID_CREDENTIALS', details: { attemptsLeft: 2 } });
  });

  it('knows when a manager’s PIN would allow it, and when the counter locked', () => {
    expect(needsApproval(fromCounter('FORBIDDEN', 'A manager’s PIN is needed to refund a sale.', { needsApproval: true }))).toBe(true);
    expect(needsApproval(fromCounter('FORBIDDEN', 'Only a manager or owner can do this.'))).toBe(false);
    expect(isSignedOut(fromCounter('UNAUTHENTICATED', 'Sign in with your PIN first.'))).toBe(true);
  });

  it('says the counter is not answering when no answer came at all, never "Failed to fetch"', () => {
    const e = TRPCClientError.from(new TypeError('Failed to fetch'));
    expect(apiError(e).code).toBe('NETWORK');
    expect(errorMessage(e)).toBe(NOT_ANSWERING);
  });
});
