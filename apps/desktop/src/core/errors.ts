import { AppError, type ErrorIssue } from '@makeries/shared';
import type { z } from 'zod';

/** Validates counter input with a zod schema; failures become BAD_INPUT naming the first problem. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues: ErrorIssue[] = result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const first = issues[0];
  const where = first && first.path ? `${first.path}: ` : '';
  throw new AppError('BAD_INPUT', `${where}${first?.message ?? 'Invalid input'}.`, { issues });
}

export function notFound(message: string, details?: Record<string, unknown>): AppError {
  return new AppError('NOT_FOUND', message, details ? { details } : {});
}

export function conflict(message: string, details?: Record<string, unknown>): AppError {
  return new AppError('CONFLICT', message, details ? { details } : {});
}
