import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { posImportStaging } from '../../db/schema/index';
import type { Env } from '../../env';
import { callPos } from './connections';
import { buildPreview } from './import-preview';
import { logSync } from './sync-log';
import { readStream, writeStream } from './sync-state';
import type { CatalogPage } from './types';

export const IMPORT_FETCH_JOB = 'pos.import-fetch';

function staged(connectionId: string, page: CatalogPage) {
  return [
    ...page.products.map((p) => ({ connectionId, extId: p.extId, type: 'product', data: p as unknown as Record<string, unknown> })),
    ...page.taxes.map((t) => ({ connectionId, extId: t.extId, type: 'tax', data: t as unknown as Record<string, unknown> })),
    ...page.categories.map((c) => ({ connectionId, extId: c.extId, type: 'category', data: c as unknown as Record<string, unknown> })),
    ...page.images.map((i) => ({ connectionId, extId: i.extId, type: 'image', data: i as unknown as Record<string, unknown> })),
  ];
}

/**
 * The first import's fetch: the POS catalog page by page into `pos_import_staging`. Each page and the cursor of the
 * next are committed together, so a server killed mid-import resumes at the page it was on, and a page fetched
 * twice overwrites its own rows (no duplicates). Ends with the preview the owner reviews before anything is applied.
 */
export async function runImportFetch(db: Db, env: Env, connectionId: string, opts: { now: () => Date; pageLimit?: number }): Promise<'done' | 'more'> {
  const state = await readStream(db, connectionId, 'import');
  if (state?.phase !== 'fetching') return 'done';
  let cursor = state.cursor;
  let pages = 0;
  for (;;) {
    const page = await callPos(db, env, connectionId, (conn, connector) => connector.catalogPage(conn, cursor), opts.now());
    const rows = staged(connectionId, page);
    await db.transaction(async (tx) => {
      if (rows.length > 0) {
        await tx
          .insert(posImportStaging)
          .values(rows)
          .onConflictDoUpdate({ target: [posImportStaging.connectionId, posImportStaging.extId], set: { data: sql`excluded.data`, type: sql`excluded.type`, applied: false } });
      }
      await tx.execute(
        sql`UPDATE pos_sync_state SET cursor = ${page.next}, done = done + ${page.products.length}, updated_at = now() WHERE connection_id = ${connectionId} AND stream = 'import'`,
      );
    });
    cursor = page.next;
    pages++;
    if (!cursor) break;
    if (opts.pageLimit !== undefined && pages >= opts.pageLimit) return 'more';
  }
  const preview = await buildPreview(db, connectionId);
  await writeStream(db, connectionId, 'import', { phase: 'preview', cursor: null, total: preview.products, data: { ...state.data, preview } });
  await logSync(db, connectionId, 'info', `Read the catalog: ${preview.summary}`);
  return 'done';
}
