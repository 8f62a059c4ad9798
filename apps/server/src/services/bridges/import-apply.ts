import type { BridgeMatch } from '@makeries/shared';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { posImportStaging } from '../../db/schema/index';
import type { Env } from '../../env';
import { enqueue } from '../../jobs/queue';
import { applyProducts } from './catalog-apply';
import { rememberTaxesAndCategories } from './catalog-sync';
import { IMAGE_JOB } from './images';
import { loadStaged } from './import-preview';
import { applyTarget, pullAllStock } from './stock-pull';
import { logSync } from './sync-log';
import { readStream, writeStream } from './sync-state';
import type { ExtProduct } from './types';

export const IMPORT_APPLY_JOB = 'pos.import-apply';
const CHUNK = 100;

/**
 * Applies the previewed import in chunks of 100 products, each chunk in one transaction with its staging rows
 * marked applied and the progress counted: a server killed mid-way resumes with the next chunk, and a chunk run twice
 * finds its entity-map rows and updates instead of creating. Then the POS's stock counts, photos, and the
 * incremental sync takes over from the time the import started reading.
 */
export async function runImportApply(db: Db, env: Env, connectionId: string, opts: { now: () => Date; chunkLimit?: number }): Promise<'done' | 'more'> {
  const state = await readStream(db, connectionId, 'import');
  if (state?.phase !== 'applying') return 'done';
  const match = (state.data.match as BridgeMatch | undefined) ?? 'none';
  const target = await applyTarget(db, connectionId, match);
  const small = await loadStaged(db, connectionId, false);
  let chunks = 0;
  for (;;) {
    const rows = await db
      .select({ extId: posImportStaging.extId, data: posImportStaging.data })
      .from(posImportStaging)
      .where(and(eq(posImportStaging.connectionId, connectionId), eq(posImportStaging.type, 'product'), eq(posImportStaging.applied, false)))
      .orderBy(asc(posImportStaging.seq))
      .limit(CHUNK);
    if (rows.length === 0) break;
    const list = rows.map((r) => r.data as unknown as ExtProduct);
    await db.transaction(async (tx) => {
      const r = await applyProducts(tx, target, list, small.taxes, small.categories);
      for (const [i, p] of list.entries()) {
        const url = p.imageExtIds.map((id) => small.images.get(id)?.url).find((u) => u !== undefined);
        const productId = r.productIds[i];
        if (url && productId) await enqueue(tx, IMAGE_JOB, `pos.image:${connectionId}:${p.extId}`, { connectionId, productId, url });
      }
      await tx
        .update(posImportStaging)
        .set({ applied: true })
        .where(
          and(
            eq(posImportStaging.connectionId, connectionId),
            inArray(
              posImportStaging.extId,
              rows.map((x) => x.extId),
            ),
          ),
        );
      await tx.execute(sql`UPDATE pos_sync_state SET done = done + ${rows.length}, updated_at = now() WHERE connection_id = ${connectionId} AND stream = 'import'`);
    });
    chunks++;
    if (opts.chunkLimit !== undefined && chunks >= opts.chunkLimit) return 'more';
  }
  const counted = await pullAllStock(db, env, connectionId, opts.now());
  const since = typeof state.data.since === 'string' ? state.data.since : opts.now().toISOString();
  await db.transaction(async (tx) => {
    await rememberTaxesAndCategories(tx, connectionId, [...small.taxes.values()], [...small.categories.values()]);
    await writeStream(tx, connectionId, 'catalog', { cursor: since, lastSuccessAt: opts.now() });
    await writeStream(tx, connectionId, 'import', { phase: 'done', lastSuccessAt: opts.now() });
    await tx.delete(posImportStaging).where(eq(posImportStaging.connectionId, connectionId));
    await logSync(tx, connectionId, 'info', `Imported ${state.total.toLocaleString('en')} products and took ${counted.toLocaleString('en')} stock counts. {pos} and Makeries are in step.`);
  });
  return 'done';
}
