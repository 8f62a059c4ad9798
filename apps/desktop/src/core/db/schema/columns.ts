import { integer, text } from 'drizzle-orm/sqlite-core';

/** UUIDv7 minted where the record is born (this counter, or the server for mirrored rows). */
export const id = () => text('id').primaryKey();

/** ISO 8601 UTC text (`toISOString()`): sortable, and exactly what the sync protocol sends. */
export const isoTime = (name: string) => text(name);

export const flag = (name: string) => integer(name, { mode: 'boolean' });

/** Integer minor units; never REAL. */
export const money = (name: string) => integer(name);
