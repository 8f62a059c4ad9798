import { badRequest } from './http';
import {
  QTY_SCALE,
  formatQuantity,
  iso,
  isoMicros,
  newId,
  newUuid,
  parseMs,
  parseQuantity,
  type FakeState,
  type HistoryEntry,
  type MerchantState,
} from './state';
import type { InventoryChangeWire, InventoryCountWire, SourceWire } from './wire';
import type { WebhookOutbox } from './webhooks';

/** States Square keeps no count for (BatchRetrieveInventoryCounts: "untracked states"). */
const UNTRACKED = new Set(['NONE', 'SOLD', 'UNLINKED_RETURN']);

/** A validated change, ready to apply. */
export type PlannedChange =
  | {
      type: 'ADJUSTMENT';
      objectId: string;
      fromLocation: string;
      toLocation: string;
      fromState: string;
      toState: string;
      units: number;
      occurredAt: string;
      referenceId?: string;
      transactionId?: string;
    }
  | {
      type: 'PHYSICAL_COUNT';
      objectId: string;
      location: string;
      state: string;
      units: number;
      occurredAt: string;
      referenceId?: string;
    };

/**
 * Counts derived like Square's: per (variation, location, state) the newest physical count by occurred_at plus
 * the adjustments that occurred after it. Every applied batch emits one `inventory.count.updated`.
 */
export class InventoryStore {
  constructor(
    private readonly state: FakeState,
    private readonly webhooks: WebhookOutbox,
  ) {}

  /** Throws Square's 400 when the variation or a location is unknown, or the quantity is not a decimal. */
  checkTarget(m: MerchantState, objectId: string, locations: string[], field: string): void {
    const obj = m.catalog.get(objectId);
    if (!obj || obj.object.is_deleted === true || obj.object.type !== 'ITEM_VARIATION') {
      throw badRequest('INVALID_VALUE', `Catalog object \`${objectId}\` is not an existing item variation.`, `${field}.catalog_object_id`);
    }
    for (const loc of locations) {
      if (!m.locations.some((l) => l.id === loc)) {
        throw badRequest('INVALID_VALUE', `Location \`${loc}\` does not belong to this merchant.`, `${field}.location_id`);
      }
    }
  }

  quantity(text: string, field: string, allowZero: boolean): number {
    const units = parseQuantity(text);
    if (units === null || units < 0 || (!allowZero && units === 0)) {
      throw badRequest('INVALID_VALUE', `quantity must be a ${allowZero ? 'non-negative' : 'positive'} decimal with at most 5 decimals.`, `${field}.quantity`);
    }
    return units;
  }

  occurredAt(text: string, field: string): string {
    if (parseMs(text) === null) throw badRequest('INVALID_TIME', 'occurred_at must be an RFC 3339 timestamp.', `${field}.occurred_at`);
    return text;
  }

  /** Applies validated changes at once; returns the recorded changes and the resulting absolute counts. */
  apply(
    m: MerchantState,
    planned: PlannedChange[],
    source: SourceWire,
    ignoreUnchanged: boolean,
  ): { changes: InventoryChangeWire[]; counts: InventoryCountWire[] } {
    const now = this.state.clock.now();
    const changes: InventoryChangeWire[] = [];
    const touched = new Set<string>();
    for (const p of planned) {
      if (p.type === 'PHYSICAL_COUNT') {
        if (ignoreUnchanged && this.units(m, p.objectId, p.location, p.state) === p.units) continue;
        this.record(m, p.objectId, p.location, { kind: 'COUNT', state: p.state, units: p.units, occurredAt: p.occurredAt });
        touched.add(`${p.objectId}|${p.location}|${p.state}`);
        changes.push({
          type: 'PHYSICAL_COUNT',
          physical_count: {
            id: newId(),
            ...(p.referenceId !== undefined ? { reference_id: p.referenceId } : {}),
            catalog_object_id: p.objectId,
            catalog_object_type: 'ITEM_VARIATION',
            state: p.state,
            location_id: p.location,
            quantity: formatQuantity(p.units),
            occurred_at: p.occurredAt,
            created_at: iso(now),
            source,
          },
        });
        continue;
      }
      if (!UNTRACKED.has(p.fromState)) {
        this.record(m, p.objectId, p.fromLocation, { kind: 'ADJUST', state: p.fromState, units: -p.units, occurredAt: p.occurredAt });
        touched.add(`${p.objectId}|${p.fromLocation}|${p.fromState}`);
      }
      if (!UNTRACKED.has(p.toState)) {
        this.record(m, p.objectId, p.toLocation, { kind: 'ADJUST', state: p.toState, units: p.units, occurredAt: p.occurredAt });
        touched.add(`${p.objectId}|${p.toLocation}|${p.toState}`);
      }
      changes.push({
        type: 'ADJUSTMENT',
        adjustment: {
          id: newId(),
          ...(p.referenceId !== undefined ? { reference_id: p.referenceId } : {}),
          from_state: p.fromState,
          to_state: p.toState,
          from_location_id: p.fromLocation,
          to_location_id: p.toLocation,
          catalog_object_id: p.objectId,
          catalog_object_type: 'ITEM_VARIATION',
          quantity: formatQuantity(p.units),
          occurred_at: p.occurredAt,
          created_at: iso(now),
          source,
          ...(p.transactionId !== undefined ? { transaction_id: p.transactionId } : {}),
        },
      });
    }
    m.changes.push(...changes);
    const counts = [...touched].map((key) => this.recompute(m, key));
    if (counts.length > 0) {
      this.webhooks.emit(m.id, 'inventory.count.updated', {
        type: 'inventory_counts',
        id: newUuid(),
        object: { inventory_counts: counts },
      });
    }
    return { changes, counts };
  }

  /** Current quantity in 1e-5 units (0 when nothing was ever recorded). */
  units(m: MerchantState, objectId: string, locationId: string, state: string): number {
    const c = m.counts.get(`${objectId}|${locationId}|${state}`);
    return c ? (parseQuantity(c.wire.quantity) ?? 0) : 0;
  }

  count(m: MerchantState, objectId: string, locationId: string, state = 'IN_STOCK'): number {
    return this.units(m, objectId, locationId, state) / QTY_SCALE;
  }

  private record(m: MerchantState, objectId: string, locationId: string, e: Omit<HistoryEntry, 'seq' | 'occurredAt'> & { occurredAt: string }): void {
    const key = `${objectId}|${locationId}`;
    const list = m.history.get(key) ?? [];
    list.push({ seq: ++m.historySeq, occurredAt: parseMs(e.occurredAt) ?? 0, kind: e.kind, state: e.state, units: e.units });
    m.history.set(key, list);
  }

  private recompute(m: MerchantState, key: string): InventoryCountWire {
    const [objectId = '', locationId = '', st = ''] = key.split('|');
    const entries = (m.history.get(`${objectId}|${locationId}`) ?? []).filter((e) => e.state === st);
    const after = (a: HistoryEntry, b: HistoryEntry): boolean => a.occurredAt > b.occurredAt || (a.occurredAt === b.occurredAt && a.seq > b.seq);
    let base: HistoryEntry | null = null;
    for (const e of entries) if (e.kind === 'COUNT' && (base === null || after(e, base))) base = e;
    let units = base?.units ?? 0;
    for (const e of entries) if (e.kind === 'ADJUST' && (base === null || after(e, base))) units += e.units;
    m.inventoryMicros = Math.max(m.inventoryMicros + 1, this.state.clock.now() * 1000);
    const wire: InventoryCountWire = {
      catalog_object_id: objectId,
      catalog_object_type: 'ITEM_VARIATION',
      state: st,
      location_id: locationId,
      quantity: formatQuantity(units),
      calculated_at: isoMicros(m.inventoryMicros),
    };
    m.counts.set(key, { wire, calculatedMicros: m.inventoryMicros });
    return { ...wire };
  }
}
