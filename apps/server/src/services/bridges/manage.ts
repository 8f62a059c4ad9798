import { AppError, type PosProvider, type BridgeAttention, type BridgeFailedJob, type BridgeMatch, type BridgePreview, type BridgeView } from '@makeries/shared';
import { and, desc, eq, inArray, like, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { jobs, posConnections, posEntityMap, posPushes, products } from '../../db/schema/index';
import type { Env } from '../../env';
import { enqueue, retryFailedJob } from '../../jobs/queue';
import { STOCK_SWEEP_JOB } from './catalog-sync';
import { requireConnection, startImportFetch } from './connect';
import { callPos, connectionOfVendor, markRevoked, setConnectionStatus, type ConnectionRow } from './connections';
import { IMPORT_APPLY_JOB } from './import-apply';
import { requeueOpenOrderPushes } from './order-push';
import { requeueOpenPushes } from './push';
import { bridgedProviders, connectorFor, PROVIDER_NAMES } from './registry';
import { logSync } from './sync-log';
import { readStream, writeStream } from './sync-state';
import { queueCatalogSync } from './webhooks';

type Role = 'owner' | 'manager';

const forConnection = (id: string): SQL => sql`${jobs.payload}->>'connectionId' = ${id}`;

async function counts(db: Db, c: ConnectionRow) {
  const [m] = await db
    .select({
      products: sql<number>`count(*) FILTER (WHERE ${posEntityMap.entity} = 'product')::int`,
      variants: sql<number>`count(*) FILTER (WHERE ${posEntityMap.entity} = 'variant')::int`,
    })
    .from(posEntityMap)
    .where(eq(posEntityMap.connectionId, c.id));
  const [p] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(posPushes)
    // a web order already shown in Square (waiting there for pickup) is not a change still to send
    .where(and(eq(posPushes.connectionId, c.id), inArray(posPushes.state, ['pending', 'sent']), sql`NOT (${posPushes.kind} = 'order' AND ${posPushes.extRef} IS NOT NULL)`));
  const [f] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(jobs)
    .where(and(eq(jobs.status, 'failed'), like(jobs.kind, 'pos.%'), forConnection(c.id)));
  return { bridged: { products: m?.products ?? 0, variants: m?.variants ?? 0 }, pendingPushes: p?.n ?? 0, failedJobs: f?.n ?? 0 };
}

/** What the back office shows: one state, the reason in words, progress while importing. */
export async function bridgeView(db: Db, env: Env, vendorId: string, role: Role): Promise<BridgeView> {
  const canManage = role === 'owner';
  const c = await connectionOfVendor(db, vendorId);
  const providers = bridgedProviders().map((p) => {
    const connector = connectorFor(env, p);
    return { provider: p, name: PROVIDER_NAMES[p], configured: connector.configured, connectKind: connector.connectKind };
  });
  const provider = c?.provider ?? providers.find((p) => p.configured)?.provider ?? 'square';
  const empty = { bridged: { products: 0, variants: 0 }, pendingPushes: 0, failedJobs: 0 };
  const base = { provider, providers, capabilities: null, reason: null, account: null, location: null, progress: null, lastSyncAt: null, options: { webOrdersInPos: false }, canManage, ...empty };
  if (!c) return { ...base, state: providers.some((p) => p.configured) ? 'not_connected' : 'not_configured' };
  const imp = await readStream(db, c.id, 'import');
  const cat = await readStream(db, c.id, 'catalog');
  const view = {
    ...base,
    ...(await counts(db, c)),
    account: c.connectionKey,
    location: c.locationExtId ? { id: c.locationExtId, name: c.locationName ?? c.locationExtId } : null,
    lastSyncAt: (cat?.lastSuccessAt ?? imp?.lastSuccessAt ?? null)?.toISOString() ?? null,
    options: { webOrdersInPos: c.options.webOrdersInPos },
    capabilities: connectorFor(env, c.provider).capabilities(c.scopes),
    reason: c.statusReason ?? imp?.lastError ?? null,
  };
  if (c.status !== 'connected') return { ...view, state: c.status };
  if (!c.locationExtId) return { ...view, state: 'choose_location' };
  if (imp?.phase === 'fetching') return { ...view, state: 'importing', progress: { phase: 'fetching', done: imp.done, total: 0 } };
  if (imp?.phase === 'preview') return { ...view, state: 'preview' };
  if (imp?.phase === 'applying') return { ...view, state: 'applying', progress: { phase: 'applying', done: imp.done, total: imp.total } };
  if (imp?.phase === 'done') return { ...view, state: 'in_step' };
  return { ...view, state: 'choose_location' };
}

export async function importPreview(db: Db, vendorId: string): Promise<BridgePreview | null> {
  const c = await connectionOfVendor(db, vendorId);
  if (!c) return null;
  const imp = await readStream(db, c.id, 'import');
  const p = imp?.data.preview as (BridgePreview & { items?: unknown }) | undefined;
  if (!p || (imp?.phase !== 'preview' && imp?.phase !== 'applying')) return null;
  return { products: p.products, variants: p.variants, taxes: p.taxes, categories: p.categories, images: p.images, attention: p.attention, matches: p.matches, summary: p.summary };
}

export async function attentionPage(db: Db, vendorId: string, cursor: string | undefined, limit: number): Promise<{ items: BridgeAttention[]; nextCursor: string | null }> {
  const c = await connectionOfVendor(db, vendorId);
  const imp = c ? await readStream(db, c.id, 'import') : null;
  const items = ((imp?.data.preview as { items?: BridgeAttention[] } | undefined)?.items ?? []);
  const from = cursor !== undefined && /^\d{1,7}$/.test(cursor) ? Number(cursor) : 0;
  const page = items.slice(from, from + limit);
  return { items: page, nextCursor: from + limit < items.length ? String(from + limit) : null };
}

export async function startImport(db: Db, vendorId: string): Promise<void> {
  const c = await requireConnection(db, vendorId);
  if (!c.locationExtId) throw new AppError('CONFLICT', `Choose the ${PROVIDER_NAMES[c.provider]} location that is this shop first.`);
  await startImportFetch(db, c);
}

export async function applyImport(db: Db, vendorId: string, match: BridgeMatch): Promise<void> {
  const c = await requireConnection(db, vendorId);
  const imp = await readStream(db, c.id, 'import');
  if (imp?.phase !== 'preview') throw new AppError('CONFLICT', imp?.phase === 'applying' ? 'The import is already running.' : 'There is no preview to import yet: read the catalog first.');
  await db.transaction(async (tx) => {
    await writeStream(tx, c.id, 'import', { phase: 'applying', done: 0, data: { ...imp.data, match } });
    await enqueue(tx, IMPORT_APPLY_JOB, `pos.import-apply:${c.id}:${typeof imp.data.runId === 'string' ? imp.data.runId : 'first'}`, { connectionId: c.id });
    await logSync(tx, c.id, 'info', match === 'none' ? 'Importing: new products for everything.' : `Importing: linking existing products by ${match === 'sku' ? 'SKU' : 'barcode'}.`);
  });
}

export async function setOptions(db: Db, env: Env, vendorId: string, options: { webOrdersInPos: boolean }): Promise<void> {
  const c = await requireConnection(db, vendorId);
  const name = PROVIDER_NAMES[c.provider];
  if (options.webOrdersInPos && !connectorFor(env, c.provider).capabilities(c.scopes).orderWrite) {
    throw new AppError('FORBIDDEN', `This ${name} connection may not create orders (it was granted read-only access), so web orders cannot show in ${name}. Connect again granting order access.`);
  }
  await db.update(posConnections).set({ options: { ...c.options, ...options }, updatedAt: new Date() }).where(eq(posConnections.id, c.id));
  const fee = c.provider === 'square' ? ' (Square charges 1 % on them)' : '';
  await logSync(db, c.id, 'info', options.webOrdersInPos ? `Web orders will show in ${name} as orders${fee}.` : `Web orders reach ${name} as stock changes only.`);
}

export async function pause(db: Db, vendorId: string): Promise<void> {
  const c = await requireConnection(db, vendorId);
  if (c.status === 'paused') return;
  await setConnectionStatus(db, c, 'paused', `Paused by the shop. Nothing is sent to or taken from ${PROVIDER_NAMES[c.provider]} until it is resumed.`);
}

export async function resume(db: Db, vendorId: string, now = new Date()): Promise<void> {
  const c = await requireConnection(db, vendorId);
  await db.update(posConnections).set({ status: 'connected', statusReason: null, consecutiveFailures: 0, updatedAt: now }).where(eq(posConnections.id, c.id));
  await logSync(db, c.id, 'info', 'Resumed.');
  await catchUp(db, c.id, now);
}

async function catchUp(db: Db, connectionId: string, now: Date): Promise<void> {
  await requeueOpenPushes(db, connectionId);
  await requeueOpenOrderPushes(db, connectionId, now);
  const imp = await readStream(db, connectionId, 'import');
  if (imp?.phase !== 'done') return;
  await queueCatalogSync(db, connectionId, now, 0);
  await enqueue(db, STOCK_SWEEP_JOB, `pos.stock-sweep:${connectionId}:now:${String(now.getTime())}`, { connectionId });
}

export async function syncNow(db: Db, vendorId: string, now = new Date()): Promise<void> {
  const c = await requireConnection(db, vendorId);
  if (c.status !== 'connected') throw new AppError('CONFLICT', `The link to ${PROVIDER_NAMES[c.provider]} is ${c.status}: resume it first.`);
  await catchUp(db, c.id, now);
}

/**
 * Disconnect: the POS's access is revoked (best effort — the shop can also remove it in the POS), every push still owed
 * is dropped, and the bridged products become the shop's own again (editable here, kept with their history).
 */
export async function disconnect(db: Db, env: Env, vendorId: string): Promise<void> {
  const c = await requireConnection(db, vendorId);
  let note = '';
  try {
    await callPos(db, env, c.id, (conn, connector) => connector.revoke(conn));
  } catch (e) {
    note = ` (${PROVIDER_NAMES[c.provider]} could not be told: ${e instanceof Error ? e.message : String(e)} — remove Makeries in ${PROVIDER_NAMES[c.provider]}'s app settings too.)`;
  }
  await markRevoked(db, c, `Disconnected by the shop.${note}`);
  await db.update(products).set({ posProvider: null, posEditUrl: null, updatedAt: new Date() }).where(and(eq(products.vendorId, vendorId), eq(products.posProvider, c.provider)));
}

export async function failedJobsPage(db: Db, vendorId: string, cursor: string | undefined, limit: number): Promise<{ items: BridgeFailedJob[]; nextCursor: string | null }> {
  const c = await connectionOfVendor(db, vendorId);
  if (!c) return { items: [], nextCursor: null };
  const [atStr, idStr] = (cursor ?? '').split('|');
  const after = atStr && idStr && !Number.isNaN(Date.parse(atStr)) ? or(lt(jobs.updatedAt, new Date(atStr)), and(eq(jobs.updatedAt, new Date(atStr)), lt(jobs.id, idStr))) : undefined;
  const rows = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.status, 'failed'), like(jobs.kind, 'pos.%'), forConnection(c.id), after))
    .orderBy(desc(jobs.updatedAt), desc(jobs.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit).map((j) => ({ id: j.id, what: jobWords(j.kind, c.provider), error: j.lastError ?? 'Unknown error', attempts: j.attempts, at: j.updatedAt.toISOString() }));
  const last = rows[limit - 1];
  return { items, nextCursor: rows.length > limit && last ? `${last.updatedAt.toISOString()}|${last.id}` : null };
}

function jobWords(kind: string, provider: PosProvider): string {
  return (JOB_WORDS[kind] ?? kind).replaceAll('{pos}', PROVIDER_NAMES[provider]);
}

const JOB_WORDS: Record<string, string> = {
  'pos.import-fetch': 'Reading the {pos} catalog',
  'pos.import-apply': 'Importing the catalog',
  'pos.image': 'Copying a product photo',
  'pos.push': 'Sending a stock change to {pos}',
  'pos.catalog': 'Taking catalog changes from {pos}',
  'pos.stock-sweep': 'Checking stock counts',
  'pos.full-compare': 'Nightly check',
  'pos.order-status': 'Following an order changed in {pos}',
  'pos.order-push': 'Showing a web order in {pos}',
  'pos.order-close': 'Telling {pos} a web order was finished',
  'pos.webhook': 'A message from {pos}',
};

export async function retryJob(db: Db, vendorId: string, jobId: string): Promise<void> {
  const c = await connectionOfVendor(db, vendorId);
  const [job] = c
    ? await db
        .select({ id: jobs.id, kind: jobs.kind })
        .from(jobs)
        .where(and(eq(jobs.id, jobId), eq(jobs.status, 'failed'), like(jobs.kind, 'pos.%'), forConnection(c.id)))
    : [];
  if (!job || !c) throw new AppError('NOT_FOUND', 'That failed job is not in this shop’s list (it may have been retried already).');
  await retryFailedJob(db, job.id);
  // an import that stopped in error goes on from where it was
  if (c.status === 'error') await db.update(posConnections).set({ status: 'connected', statusReason: null, updatedAt: new Date() }).where(eq(posConnections.id, c.id));
  await logSync(db, c.id, 'info', `Retrying: ${jobWords(job.kind, c.provider)}.`);
}
