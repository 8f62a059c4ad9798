import { sql } from 'drizzle-orm';
import { blob, check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { flag, id, isoTime } from './columns';

/**
 * Printers attached to this counter (DESIGN §5). `transport` is a URL: `tcp://host:9100`, `serial:/dev/ttyUSB0?baud=9600`
 * or `os:<queue name>`. The cash drawer hangs off a receipt printer: `ESC p <pin> <t1> <t2>`.
 */
export const printers = sqliteTable(
  'printers',
  {
    id: id(),
    name: text('name').notNull(),
    role: text('role', { enum: ['receipt', 'kitchen'] }).notNull().default('receipt'),
    transport: text('transport').notNull(),
    paperWidth: integer('paper_width').notNull().default(80),
    commandSet: text('command_set', { enum: ['epson', 'star'] }).notNull().default('epson'),
    /** the printer's character table for non-ASCII text (re-selected after every cut) */
    codePage: text('code_page').notNull().default('PC858_EURO'),
    drawerPin: integer('drawer_pin').notNull().default(0),
    drawerT1: integer('drawer_t1').notNull().default(0x19),
    drawerT2: integer('drawer_t2').notNull().default(0xfa),
    /** whether a cash drawer is wired to this printer */
    hasDrawer: flag('has_drawer').notNull().default(false),
    enabled: flag('enabled').notNull().default(true),
    createdAt: isoTime('created_at').notNull(),
    updatedAt: isoTime('updated_at').notNull(),
  },
  (t) => [
    check('printers_paper_width', sql`${t.paperWidth} IN (58, 80)`),
    check('printers_drawer', sql`${t.drawerPin} IN (0, 1) AND ${t.drawerT1} BETWEEN 0 AND 255 AND ${t.drawerT2} BETWEEN 0 AND 255`),
  ],
);

/**
 * The durable print queue: one row per job, bytes rendered when queued so a restart prints exactly what was
 * asked. `dedupe_key` makes "print this sale's receipt" / "open the drawer for this sale" happen once.
 */
export const printJobs = sqliteTable(
  'print_jobs',
  {
    id: id(),
    printerId: text('printer_id')
      .notNull()
      .references(() => printers.id),
    kind: text('kind', { enum: ['receipt', 'refund', 'reprint', 'kitchen', 'shift_report', 'test', 'drawer'] }).notNull(),
    /** the sale, refund, web order or shift the job is about */
    ref: text('ref'),
    dedupeKey: text('dedupe_key'),
    payload: blob('payload', { mode: 'buffer' }).notNull(),
    state: text('state', { enum: ['queued', 'printing', 'printed', 'failed', 'cancelled', 'unconfirmed'] }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: isoTime('next_attempt_at').notNull(),
    lastError: text('last_error'),
    createdBy: text('created_by'),
    createdAt: isoTime('created_at').notNull(),
    updatedAt: isoTime('updated_at').notNull(),
    printedAt: isoTime('printed_at'),
  },
  (t) => [uniqueIndex('print_jobs_dedupe_uq').on(t.dedupeKey), index('print_jobs_queue_idx').on(t.printerId, t.state, t.createdAt)],
);

/** Serial barcode scanners read by the core (keyboard-wedge scanners live in the renderer). */
export const scanners = sqliteTable('scanners', {
  id: id(),
  name: text('name').notNull(),
  path: text('path').notNull(),
  baudRate: integer('baud_rate').notNull().default(9600),
  /** characters the scanner sends before / after each code; the suffix ends a scan (default CR) */
  prefix: text('prefix').notNull().default(''),
  suffix: text('suffix').notNull().default(sql`(char(13))`),
  enabled: flag('enabled').notNull().default(true),
  createdAt: isoTime('created_at').notNull(),
  updatedAt: isoTime('updated_at').notNull(),
});
