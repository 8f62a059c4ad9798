import { customType, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Primary key minted by the caller (UUIDv7 from @makeries/shared) where the record is born. */
export const id = () => uuid('id').primaryKey();

export const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

export const tsvector = customType<{ data: string }>({
  dataType() {
    return 'tsvector';
  },
});
