import { and, or, type SQL } from 'drizzle-orm';

// drizzle's `and`/`or` are typed `SQL | undefined` because an empty list gives no condition; with a first condition
// they always give one, and these say so in the type (no `!` at every call)

/** All of the conditions (undefined ones are skipped, as `and` does). */
export function allOf(first: SQL, ...rest: (SQL | undefined)[]): SQL {
  return and(first, ...rest) ?? first;
}

/** Any of the conditions (undefined ones are skipped, as `or` does). */
export function anyOf(first: SQL, ...rest: (SQL | undefined)[]): SQL {
  return or(first, ...rest) ?? first;
}
