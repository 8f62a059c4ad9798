import { z } from 'zod';
import type { PushMemo, StockObservation } from '../types';
import type { ToastApi } from './client';
import { inventorySchema, observationOf, type InventoryWire } from './mapping';

const SEARCH_CHUNK = 100;

/**
 * Current stock of these items (`POST /stock/v1/inventory/search`, which answers IN_STOCK items too). Toast gives no
 * time with a read: the observation's time is when Toast answered (its `Date` header, client.ts answeredAt).
 */
export async function searchStock(api: ToastApi, restaurant: string, mlids: readonly string[]): Promise<{ rows: InventoryWire[]; at: string }> {
  const rows: InventoryWire[] = [];
  let at = new Date().toISOString();
  for (let i = 0; i < mlids.length; i += SEARCH_CHUNK) {
    const r = await api.call<unknown>({ method: 'POST', path: '/stock/v1/inventory/search', restaurant, body: { multiLocationIds: mlids.slice(i, i + SEARCH_CHUNK) } });
    const list = z.array(inventorySchema).safeParse(r.data);
    if (list.success) rows.push(...list.data);
    at = r.at;
  }
  return { rows, at };
}

export async function readStock(api: ToastApi, restaurant: string, mlids: readonly string[]): Promise<StockObservation[]> {
  const out: StockObservation[] = [];
  for (let i = 0; i < mlids.length; i += SEARCH_CHUNK) {
    const { rows, at } = await searchStock(api, restaurant, mlids.slice(i, i + SEARCH_CHUNK));
    for (const row of rows) {
      const o = observationOf(row, restaurant, at);
      if (o) out.push(o);
    }
  }
  return out;
}

/**
 * What a stock push set. Toast's update is absolute and has neither compare-and-set nor an idempotency key: a retry
 * after an answer lost past the commit (5xx, timeout, a server killed mid-call) would take the sale off twice. So
 * before writing, the push notes the count it read and the count it will write — in the engine's memo (kept on the
 * push row in our database, committed before the write goes out), else in this process — and a retry reads again
 * and: finds the written count → already done, nothing sent; finds the count it read → not done, sent again; finds
 * something else (the till sold meanwhile) → a decrease is sent again on the new count (errs toward less stock, as
 * the stock rule does), an increase is not (it would err toward more).
 */
export interface Applied {
  restaurant: string;
  mlid: string;
  before: number;
  after: number;
}
const applied = new Map<string, Applied>();
const REMEMBERED = 5000;

export type PushPlan = { kind: 'skip' } | { kind: 'done'; quantity: number } | { kind: 'write'; quantity: number };

export function planPush(seen: Applied | null, restaurant: string, mlid: string, current: number, delta: number): PushPlan {
  if (seen?.restaurant === restaurant && seen.mlid === mlid) {
    if (current === seen.after) return { kind: 'done', quantity: current };
    if (current !== seen.before && delta > 0) return { kind: 'done', quantity: current };
  }
  return { kind: 'write', quantity: Math.max(0, current + delta) };
}

const noteSchema = z.object({ restaurant: z.string(), mlid: z.string(), before: z.number().int(), after: z.number().int() });

/** What an earlier attempt of this push noted (memo first, then this process's memory). */
export async function recallPush(key: string, memo: PushMemo | undefined): Promise<Applied | null> {
  const note = memo ? await memo.read() : null;
  if (note) {
    try {
      const parsed = noteSchema.safeParse(JSON.parse(note));
      if (parsed.success) return parsed.data;
    } catch {
      // not ours (an older note): fall back to this process's memory
    }
  }
  return applied.get(key) ?? null;
}

export async function rememberPush(key: string, entry: Applied, memo: PushMemo | undefined): Promise<void> {
  if (memo) await memo.write(JSON.stringify(entry));
  applied.delete(key);
  applied.set(key, entry);
  if (applied.size > REMEMBERED) {
    const oldest = applied.keys().next();
    if (!oldest.done) applied.delete(oldest.value);
  }
}

/** Sets an item's count (absolute): QUANTITY n, or OUT_OF_STOCK at 0 (Toast turns a counted item out of stock there). */
export async function writeStock(api: ToastApi, restaurant: string, row: InventoryWire, quantity: number): Promise<StockObservation | null> {
  const body = [{ guid: row.guid ?? undefined, multiLocationId: row.multiLocationId, status: quantity > 0 ? 'QUANTITY' : 'OUT_OF_STOCK', quantity: quantity > 0 ? quantity : null }];
  const r = await api.call<unknown>({ method: 'PUT', path: '/stock/v1/inventory/update', restaurant, body });
  const list = z.array(inventorySchema).safeParse(r.data);
  const back = (list.success ? list.data : []).find((i) => i.multiLocationId === row.multiLocationId);
  return back ? observationOf(back, restaurant, r.at) : null;
}
