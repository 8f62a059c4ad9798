/** The Postgres error under drizzle's wrapper (DrizzleQueryError keeps the driver error as `cause`). */
function pgError(e: unknown): { code?: string; constraint?: string } | undefined {
  let cur: unknown = e;
  for (let depth = 0; depth < 5 && cur && typeof cur === 'object'; depth++) {
    const o = cur as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (typeof o.code === 'string' && /^[0-9A-Z]{5}$/.test(o.code)) {
      return { code: o.code, constraint: typeof o.constraint === 'string' ? o.constraint : undefined };
    }
    cur = o.cause;
  }
  return undefined;
}

/**
 * The name of the unique constraint a write broke, or undefined for any other error. Services check for
 * duplicates first and give a precise message; this catches the race where two writers insert at once.
 */
export function uniqueViolation(e: unknown): string | undefined {
  const pe = pgError(e);
  if (pe?.code !== '23505') return undefined;
  return pe.constraint ?? '';
}

export function isUniqueViolation(e: unknown): boolean {
  return uniqueViolation(e) !== undefined;
}

/** The SQLSTATE of a Postgres error anywhere in the cause chain, e.g. '23505'. */
export function sqlState(e: unknown): string | undefined {
  return pgError(e)?.code;
}
