import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ERROR_CODES, AppError } from './errors';
import { TRANSPORT_CODE, toWireError } from './error-mapping';

describe('errors on the wire', () => {
  it('gives every error code a transport code', () => {
    for (const code of ERROR_CODES) expect(TRANSPORT_CODE[code]).toMatch(/^[A-Z_]+$/);
    expect(TRANSPORT_CODE.OUT_OF_STOCK).toBe('UNPROCESSABLE_CONTENT');
  });

  it('lists each bad field of a zod failure in one sentence', () => {
    const parsed = z.object({ email: z.email('Enter a valid email address'), qty: z.number().min(1, 'At least 1') }).safeParse({ email: 'x', qty: 0 });
    const wire = toWireError('BAD_REQUEST', 'Input validation failed', parsed.error, 'internal');
    expect(wire.appCode).toBe('BAD_INPUT');
    expect(wire.issues).toEqual([
      { path: 'email', message: 'Enter a valid email address' },
      { path: 'qty', message: 'At least 1' },
    ]);
    expect(wire.message).toBe('Please check: email — Enter a valid email address; qty — At least 1');
  });

  it('passes an AppError through and hides anything unexpected', () => {
    const app = toWireError('CONFLICT', 'x', new AppError('ILLEGAL_TRANSITION', 'Already ready', { details: { status: 'ready' } }), 'internal');
    expect(app).toMatchObject({ appCode: 'ILLEGAL_TRANSITION', message: 'Already ready', details: { status: 'ready' } });
    const boom = toWireError('INTERNAL_SERVER_ERROR', 'relation "orders" does not exist', new Error('SQL'), 'Something went wrong.');
    expect(boom).toMatchObject({ appCode: 'INTERNAL', message: 'Something went wrong.' });
    expect(toWireError('UNAUTHORIZED', 'Sign in', undefined, 'x')).toMatchObject({ appCode: 'UNAUTHENTICATED', message: 'Sign in' });
  });
});
