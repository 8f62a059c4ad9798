import { randomBytes } from 'node:crypto';
import { AppError, uuidv7, type BridgeAccount, type BridgeLocation, type PosProvider } from '@makeries/shared';
import { and, eq, gt, inArray, ne } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { posConnections, posEntityMap, posImportStaging, posOauthStates, posStockState, posSyncState, staff, vendors } from '../../db/schema/index';
import type { Env } from '../../env';
import { enqueue } from '../../jobs/queue';
import { callPos, connectionOfVendor, sealFor, type ConnectionRow } from './connections';
import { stateHash } from './crypto';
import { IMPORT_FETCH_JOB } from './import-fetch';
import { connectorFor, PROVIDER_NAMES } from './registry';
import { logSync } from './sync-log';
import { PosError, type AuthResult } from './types';
import { readStream, writeStream } from './sync-state';

const STATE_TTL_MS = 15 * 60_000;

/** The owner starts connecting: a single-use state bound to the shop, and the POS's authorize page. */
export async function startConnect(db: Db, env: Env, vendorId: string, provider: PosProvider, now = new Date(), shopDomain: string | null = null): Promise<{ url: string }> {
  const connector = connectorFor(env, provider);
  if (connector.connectKind === 'partner') throw new AppError('BAD_INPUT', `${PROVIDER_NAMES[provider]} connects from ${PROVIDER_NAMES[provider]}'s side: add Makeries there, then choose the account here.`);
  if (connector.connectKind === 'oauth_shop' && !shopDomain) throw new AppError('BAD_INPUT', `Type your ${PROVIDER_NAMES[provider]} store address (name.myshopify.com).`);
  if (!connector.configured) throw new AppError('CONFLICT', `${PROVIDER_NAMES[provider]} is not set up on this marketplace yet. Ask the marketplace operator.`);
  const existing = await connectionOfVendor(db, vendorId);
  if (existing && existing.status !== 'revoked') throw new AppError('CONFLICT', `This shop is already connected to ${PROVIDER_NAMES[existing.provider]}. Disconnect it first to connect again.`);
  const state = randomBytes(32).toString('base64url');
  await db.insert(posOauthStates).values({ stateHash: stateHash(state), vendorId, provider, expiresAt: new Date(now.getTime() + STATE_TTL_MS) });
  return { url: connector.authorizeUrl(state, connector.connectKind === 'oauth_shop' ? shopDomain : null) };
}

/**
 * The POS sends the owner back with `code` and `state` (Shopify adds `shop`, `timestamp` and an `hmac` over the
 * query, which the connector checks). The state must be live and is used up once the code became tokens (a replayed
 * link does nothing); the tokens are sealed at rest.
 */
export async function completeConnect(db: Db, env: Env, provider: PosProvider, q: Record<string, string>, now = new Date()): Promise<{ vendorId: string; connection: ConnectionRow }> {
  if (!q.state) throw new AppError('BAD_INPUT', 'The link from the point of sale is incomplete. Start connecting again from the back office.');
  const valid = and(eq(posOauthStates.stateHash, stateHash(q.state)), eq(posOauthStates.provider, provider), gt(posOauthStates.expiresAt, now));
  const [pending] = await db.select().from(posOauthStates).where(valid);
  if (!pending) throw new AppError('BAD_INPUT', 'This link has expired or was already used. Start connecting again from the back office.');
  if (q.error || !q.code) {
    await db.delete(posOauthStates).where(valid);
    throw new AppError('FORBIDDEN', `${PROVIDER_NAMES[provider]} did not give Makeries access${q.error ? ` (${q.error})` : ''}. Nothing was changed.`);
  }
  // the code is exchanged (and Shopify's signature over the query checked) before the state is used up, so a
  // tampered link does not burn the owner's; the state is then used once (a replay or a race finds it gone)
  let auth: AuthResult;
  try {
    auth = await connectorFor(env, provider).completeAuth(q);
  } catch (e) {
    if (e instanceof PosError && (e.kind === 'auth' || e.kind === 'rejected')) throw new AppError('FORBIDDEN', `${PROVIDER_NAMES[provider]} did not confirm this connection: ${e.message} Start connecting again from the back office.`);
    throw e;
  }
  const [used] = await db.delete(posOauthStates).where(valid).returning();
  if (!used) throw new AppError('BAD_INPUT', 'This link has expired or was already used. Start connecting again from the back office.');
  const connection = await saveConnection(db, env, used.vendorId, provider, auth, now);
  return { vendorId: used.vendorId, connection };
}

/**
 * The accounts of a partner POS (Toast) that added Makeries with this shop's email address or an owner's: only
 * those are listed (other restaurants that added Makeries, and who added them, are none of this shop's business).
 * One already bridged to another shop is listed as not usable, with the reason. Paged by position.
 */
export async function partnerAccounts(db: Db, env: Env, vendorId: string, provider: PosProvider, page: { cursor?: string | undefined; limit: number } = { limit: 50 }): Promise<{ items: BridgeAccount[]; nextCursor: string | null }> {
  const connector = connectorFor(env, provider);
  if (connector.connectKind !== 'partner') throw new AppError('BAD_INPUT', `${PROVIDER_NAMES[provider]} connects through its own sign-in page, not from a list.`);
  if (!connector.configured) throw new AppError('CONFLICT', `${PROVIDER_NAMES[provider]} is not set up on this marketplace yet. Ask the marketplace operator.`);
  const [shop] = await db.select({ email: vendors.email }).from(vendors).where(eq(vendors.id, vendorId));
  const owners = await db.select({ email: staff.email }).from(staff).where(and(eq(staff.vendorId, vendorId), eq(staff.role, 'owner')));
  const emails = new Set([shop?.email, ...owners.map((o) => o.email)].flatMap((e) => (e ? [e.trim().toLowerCase()] : [])));
  const mine = (await connector.partnerAccounts()).filter((a) => emails.has((a.addedBy ?? '').trim().toLowerCase()));
  const taken = await db.select({ key: posConnections.connectionKey, vendorId: posConnections.vendorId, status: posConnections.status }).from(posConnections).where(eq(posConnections.provider, provider));
  const all = mine
    .map((a) => {
      const other = taken.some((t) => t.key === a.connectionKey && t.vendorId !== vendorId && t.status !== 'revoked');
      return { id: a.connectionKey, name: a.name, addedBy: a.addedBy, usable: !other, why: other ? 'Another shop on this marketplace is bridged to it.' : null };
    })
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  const from = page.cursor !== undefined && /^\d{1,6}$/.test(page.cursor) ? Number(page.cursor) : 0;
  return { items: all.slice(from, from + page.limit), nextCursor: from + page.limit < all.length ? String(from + page.limit) : null };
}

/** The owner claims one of those accounts: the connection is made with the app's own credentials for it. */
export async function claimPartnerAccount(db: Db, env: Env, vendorId: string, provider: PosProvider, accountId: string, now = new Date()): Promise<ConnectionRow> {
  const existing = await connectionOfVendor(db, vendorId);
  if (existing && existing.status !== 'revoked') throw new AppError('CONFLICT', `This shop is already connected to ${PROVIDER_NAMES[existing.provider]}. Disconnect it first to connect again.`);
  const { items } = await partnerAccounts(db, env, vendorId, provider, { limit: 10_000 });
  const account = items.find((a) => a.id === accountId);
  if (!account) throw new AppError('NOT_FOUND', `That ${PROVIDER_NAMES[provider]} account has not added Makeries with this shop's or its owner's email address. Add Makeries in ${PROVIDER_NAMES[provider]}'s integrations first.`);
  if (!account.usable) throw new AppError('FORBIDDEN', account.why ?? 'That account cannot be used.');
  const auth = await connectorFor(env, provider).claim(accountId);
  return saveConnection(db, env, vendorId, provider, auth, now);
}

/**
 * Stores a new connection, or renews the shop's old one. A shop may switch to another POS (or account) once it
 * disconnected: the old mapping is closed then (its products became the shop's own), and the new import's preview
 * offers matching by SKU or barcode. Reconnecting the same account keeps the mapping.
 */
async function saveConnection(db: Db, env: Env, vendorId: string, provider: PosProvider, auth: AuthResult, now: Date): Promise<ConnectionRow> {
  const [vendor] = await db.select({ currency: vendors.currency }).from(vendors).where(eq(vendors.id, vendorId));
  if (!vendor) throw new AppError('NOT_FOUND', 'That shop no longer exists.');
  const sealed = sealFor(env, auth.credentials);
  const expires = auth.credentials.expiresAt ? new Date(auth.credentials.expiresAt) : null;
  return db.transaction(async (tx) => {
    const [old] = await tx.select().from(posConnections).where(eq(posConnections.vendorId, vendorId)).for('update');
    const sameAccount = old !== undefined && old.provider === provider && old.connectionKey === auth.connectionKey;
    if (old && !sameAccount) {
      if (old.status !== 'revoked') throw new AppError('CONFLICT', `This shop is still connected to ${PROVIDER_NAMES[old.provider]}. Disconnect it first.`);
      await forgetConnection(tx, old.id);
    }
    const values = { provider, connectionKey: auth.connectionKey, credentialsEnc: sealed, accessExpiresAt: expires, refreshedAt: now, scopes: auth.scopes, status: 'connected' as const, statusReason: null, consecutiveFailures: 0, updatedAt: now };
    const [row] = sameAccount
      ? await tx.update(posConnections).set(values).where(eq(posConnections.id, old.id)).returning()
      : old
        ? await tx.update(posConnections).set({ ...values, locationExtId: null, locationName: null, options: { webOrdersInPos: false } }).where(eq(posConnections.id, old.id)).returning()
        : await tx.insert(posConnections).values({ id: uuidv7(), vendorId, currency: vendor.currency, ...values }).returning();
    if (!row) throw new AppError('INTERNAL', 'Could not save the connection.');
    await logSync(tx, row.id, 'info', `Connected to ${PROVIDER_NAMES[provider]} (account ${auth.connectionKey}).`);
    return row;
  });
}

/** The old account's mapping, counts, cursors and staging are dropped; its log and the shop's products, reviews and orders stay. */
async function forgetConnection(tx: Tx, connectionId: string): Promise<void> {
  await tx.delete(posEntityMap).where(eq(posEntityMap.connectionId, connectionId));
  await tx.delete(posStockState).where(eq(posStockState.connectionId, connectionId));
  await tx.delete(posSyncState).where(eq(posSyncState.connectionId, connectionId));
  await tx.delete(posImportStaging).where(eq(posImportStaging.connectionId, connectionId));
}

export async function requireConnection(db: Db, vendorId: string): Promise<ConnectionRow> {
  const row = await connectionOfVendor(db, vendorId);
  if (!row || row.status === 'revoked') throw new AppError('CONFLICT', 'This shop is not connected to a point of sale. Connect it first.');
  return row;
}

export async function listLocations(db: Db, env: Env, vendorId: string): Promise<BridgeLocation[]> {
  const row = await requireConnection(db, vendorId);
  const list = await callPos(db, env, row.id, (conn, connector) => connector.locations(conn));
  return list.map((l) => {
    const why = !l.active ? `This location is inactive in ${PROVIDER_NAMES[row.provider]}.` : l.currency !== row.currency ? `It sells in ${l.currency}; this shop sells in ${row.currency}.` : null;
    return { id: l.extId, name: l.name, currency: l.currency, usable: why === null, why };
  });
}

/** Starts (or starts over) the first import's fetch; nothing is applied before the owner has seen the preview. */
export async function startImportFetch(db: Db, row: ConnectionRow, now = new Date()): Promise<void> {
  const state = await readStream(db, row.id, 'import');
  if (state?.phase === 'applying' || state?.phase === 'done') throw new AppError('CONFLICT', 'The catalog is already imported; it stays in step by itself. Use “Sync now” to check for changes.');
  const runId = uuidv7();
  await db.transaction(async (tx) => {
    await tx.delete(posImportStaging).where(eq(posImportStaging.connectionId, row.id));
    // the incremental sync later starts a minute before the import began reading, so nothing edited meanwhile is missed
    await writeStream(tx, row.id, 'import', { phase: 'fetching', cursor: null, done: 0, total: 0, data: { since: new Date(now.getTime() - 60_000).toISOString(), runId }, lastError: null });
    await enqueue(tx, IMPORT_FETCH_JOB, `pos.import-fetch:${row.id}:${runId}`, { connectionId: row.id });
  });
}

export async function chooseLocation(db: Db, env: Env, vendorId: string, locationId: string): Promise<void> {
  const row = await requireConnection(db, vendorId);
  const state = await readStream(db, row.id, 'import');
  if (row.locationExtId && state && state.phase !== 'fetching' && state.phase !== 'preview' && row.locationExtId !== locationId) {
    throw new AppError('CONFLICT', 'The catalog was imported from another location. Disconnect and connect again to change it.');
  }
  const locations = await listLocations(db, env, vendorId);
  const loc = locations.find((l) => l.id === locationId);
  if (!loc) throw new AppError('NOT_FOUND', `That location is not in this ${PROVIDER_NAMES[row.provider]} account.`);
  if (!loc.usable) throw new AppError(loc.currency !== row.currency ? 'CURRENCY_MISMATCH' : 'CONFLICT', loc.why ?? 'That location cannot be used.');
  const updated = await db.transaction(async (tx) => {
    // one shop per POS location (unique index): a shop that disconnected from it gives it up; a live one keeps it
    const holders = await tx
      .select({ id: posConnections.id, status: posConnections.status })
      .from(posConnections)
      .where(and(eq(posConnections.provider, row.provider), eq(posConnections.connectionKey, row.connectionKey), eq(posConnections.locationExtId, loc.id), ne(posConnections.id, row.id)))
      .for('update');
    if (holders.some((h) => h.status !== 'revoked')) throw new AppError('CONFLICT', `Another shop on this marketplace is bridged to this ${PROVIDER_NAMES[row.provider]} location.`);
    if (holders.length > 0) await tx.update(posConnections).set({ locationExtId: null, updatedAt: new Date() }).where(inArray(posConnections.id, holders.map((h) => h.id)));
    const [r] = await tx.update(posConnections).set({ locationExtId: loc.id, locationName: loc.name, updatedAt: new Date() }).where(eq(posConnections.id, row.id)).returning();
    await logSync(tx, row.id, 'info', `This shop is the ${PROVIDER_NAMES[row.provider]} location “${loc.name}”.`);
    return r;
  });
  if (updated && state?.phase !== 'done' && state?.phase !== 'applying') await startImportFetch(db, updated);
}
