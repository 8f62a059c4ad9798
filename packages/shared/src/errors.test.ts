import { describe, expect, it } from 'vitest';
import { AppError, ERROR_CODES, isAppError, isErrorCode } from './errors';

describe('AppError', () => {
  it('carries a code, a human message, issues and details', () => {
    const e = new AppError('BAD_INPUT', 'Line 2: A quantity must be a whole number.', {
      issues: [{ path: 'lines.1.quantity', message: 'Must be whole' }],
      details: { line: 2 },
    });
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('AppError');
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toBe('Line 2: A quantity must be a whole number.');
    expect(e.toShape()).toEqual({
      code: 'BAD_INPUT',
      message: 'Line 2: A quantity must be a whole number.',
      issues: [{ path: 'lines.1.quantity', message: 'Must be whole' }],
      details: { line: 2 },
    });
  });

  it('leaves empty parts out of its shape, so clients do not render blank lists', () => {
    const shape = new AppError('NOT_FOUND', 'No such order.').toShape();
    expect(shape).toEqual({ code: 'NOT_FOUND', message: 'No such order.' });
    expect('issues' in shape).toBe(false);
    expect('details' in shape).toBe(false);
  });

  it('is recognised by isAppError, unlike plain errors and look-alikes', () => {
    expect(isAppError(new AppError('CONFLICT', 'x'))).toBe(true);
    expect(isAppError(new Error('x'))).toBe(false);
    expect(isAppError({ code: 'CONFLICT', message: 'x' })).toBe(false);
    expect(isAppError(null)).toBe(false);
  });
});

describe('error codes', () => {
  it('are unique SCREAMING_SNAKE names', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    for (const c of ERROR_CODES) expect(c).toMatch(/^[A-Z]+(_[A-Z]+)*$/);
  });

  it('isErrorCode accepts exactly the listed codes', () => {
    expect(isErrorCode('INVALID_BARCODE')).toBe(true);
    expect(isErrorCode('BAD_INPUT')).toBe(true);
    expect(isErrorCode('bad_input')).toBe(false);
    expect(isErrorCode('TEAPOT')).toBe(false);
    expect(isErrorCode(404)).toBe(false);
    expect(isErrorCode(undefined)).toBe(false);
  });
});
