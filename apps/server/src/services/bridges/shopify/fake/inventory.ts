import { getDirectiveValues, type GraphQLResolveInfo } from 'graphql';
import type { CatalogStore } from './catalog';
import { adminSchema, gqlError, type Plain } from './schema';
import { canonicalJson } from '../../fake-kit/local-http';
import { fakeError, gid, isoSeconds, newNumericId, parseGid, restTime, type FakeClock, type InventoryItemRecord, type LevelRecord, type ShopState } from './state';
import type { ShopifyWebhookOutbox } from './webhooks';

/** Shopify's inventory reason codes (InventoryAdjustQuantitiesInput.reason). */
const REASONS = [
  'correction', 'cycle_count_available', 'damaged', 'movement_created', 'movement_updated', 'movement_received',
  'movement_canceled', 'other', 'promotion', 'quality_control', 'received', 'reservation_created',
  'reservation_deleted', 'reservation_updated', 'restock', 'safety_stock', 'shrinkage',
];
/** The fake keeps available + committed; these are the names apps may write here. */
const WRITABLE = ['available', 'on_hand'];
const LIMIT = 1_000_000_000;

interface UserError {
  code: string;
  field: string[] | null;
  message: string;
}

interface Change {
  item: InventoryItemRecord;
  level: LevelRecord;
  locationId: number;
  delta: number;
}

/** The key of the field's `@idempotent(key:)`; Shopify requires it on inventory writes since 2026-04. */
function idempotencyKey(info: GraphQLResolveInfo): string {
  const directive = adminSchema().getDirective('idempotent');
  const node = info.fieldNodes[0];
  const values = directive && node ? getDirectiveValues(directive, node, info.variableValues) : undefined;
  const key = values?.key;
  if (typeof key !== 'string') {
    throw gqlError(`The @idempotent directive is required for the ${info.fieldName} mutation.`, 'BAD_REQUEST');
  }
  if (key.trim() === '') throw gqlError('The idempotency key cannot be an empty string or whitespace only.', 'BAD_REQUEST');
  return key;
}

/**
 * Same key + same arguments: the stored payload again (nothing applied twice); same key + other arguments:
 * IDEMPOTENCY_KEY_PARAMETER_MISMATCH. Only successful outcomes are stored, so a refused call can be retried.
 */
function replayable(shop: ShopState, info: GraphQLResolveInfo, args: Record<string, unknown>, run: () => Plain): Plain {
  const key = idempotencyKey(info);
  const slot = `${info.fieldName} ${key}`;
  const hash = canonicalJson(args);
  const seen = shop.idempotency.get(slot);
  if (seen) {
    if (seen.inputHash === hash) return seen.result as Plain;
    return refused([{ code: 'IDEMPOTENCY_KEY_PARAMETER_MISMATCH', field: null, message: 'The same idempotency key cannot be used with different operation parameters.' }]);
  }
  const result = run();
  if ((result.userErrors as unknown[]).length === 0) shop.idempotency.set(slot, { inputHash: hash, result });
  return result;
}

function refused(userErrors: UserError[]): Plain {
  return { inventoryAdjustmentGroup: null, userErrors: userErrors.map((e) => ({ __typename: 'InventoryAdjustQuantitiesUserError', ...e })) };
}

function current(level: LevelRecord, name: string): number {
  return name === 'on_hand' ? level.available + level.committed : level.available;
}

/** Inventory levels: the two app mutations, the seller's own counts, and inventory_levels/update webhooks. */
export class InventoryStore {
  constructor(
    private readonly clock: FakeClock,
    private readonly catalog: CatalogStore,
    private readonly webhooks: ShopifyWebhookOutbox,
  ) {}

  adjustMutation(shop: ShopState, args: Record<string, unknown>, info: GraphQLResolveInfo): Plain {
    return replayable(shop, info, args, () => {
      const input = args.input as { name: string; reason: string; referenceDocumentUri?: string | null; changes: Record<string, unknown>[] };
      const errors = this.checkCommon(input.name, input.reason, input.referenceDocumentUri);
      const changes: Change[] = [];
      input.changes.forEach((c, i) => {
        const target = this.target(shop, c, ['input', 'changes', String(i)], errors);
        if (!target) return;
        const delta = c.delta as number;
        this.checkQuantity(target.level, input.name, c.changeFromQuantity, current(target.level, input.name) + delta, ['input', 'changes', String(i)], errors);
        changes.push({ ...target, delta });
      });
      return errors.length > 0 ? refused(errors) : this.apply(shop, input.name, input.reason, input.referenceDocumentUri ?? null, changes);
    });
  }

  setMutation(shop: ShopState, args: Record<string, unknown>, info: GraphQLResolveInfo): Plain {
    return replayable(shop, info, args, () => {
      const input = args.input as { name: string; reason: string; referenceDocumentUri?: string | null; quantities: Record<string, unknown>[] };
      const errors = this.checkCommon(input.name, input.reason, input.referenceDocumentUri);
      const changes: Change[] = [];
      const seen = new Set<string>();
      input.quantities.forEach((q, i) => {
        const field = ['input', 'quantities', String(i)];
        const target = this.target(shop, q, field, errors);
        if (!target) return;
        const pair = `${String(target.item.id)}|${String(target.locationId)}`;
        if (seen.has(pair)) {
          errors.push({ code: 'NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR', field, message: 'The combination of inventoryItemId and locationId must be unique.' });
          return;
        }
        seen.add(pair);
        const quantity = q.quantity as number;
        this.checkQuantity(target.level, input.name, q.changeFromQuantity, quantity, field, errors);
        changes.push({ ...target, delta: quantity - current(target.level, input.name) });
      });
      return errors.length > 0 ? refused(errors) : this.apply(shop, input.name, input.reason, input.referenceDocumentUri ?? null, changes);
    });
  }

  /** The seller types a new available count in Shopify admin (emits inventory_levels/update). */
  setAvailable(shop: ShopState, itemGid: string, quantity: number, locationGid?: string): void {
    const item = this.item(shop, itemGid);
    const locationId = locationGid === undefined ? (shop.locations[0]?.id ?? -1) : (parseGid('Location', locationGid) ?? -1);
    const level = item.levels.get(locationId);
    if (!level) throw fakeError(`${itemGid} is not stocked at location ${String(locationId)}`);
    this.move(shop, item, locationId, quantity - level.available, 0);
  }

  /** Moves available/committed at one level, stamps it and emits inventory_levels/update. */
  move(shop: ShopState, item: InventoryItemRecord, locationId: number, availableDelta: number, committedDelta: number): LevelRecord {
    const level = item.levels.get(locationId);
    if (!level) throw fakeError(`item ${String(item.id)} is not stocked at location ${String(locationId)}`);
    level.available += availableDelta;
    level.committed += committedDelta;
    level.updatedAt = Math.max(this.clock.now(), level.updatedAt + 1);
    item.updatedAt = level.updatedAt;
    this.webhooks.emit(shop.domain, 'inventory_levels/update', {
      inventory_item_id: item.id,
      location_id: locationId,
      available: level.available,
      updated_at: restTime(level.updatedAt, shop.ianaTimezone),
      admin_graphql_api_id: `gid://shopify/InventoryLevel/${String(locationId)}?inventory_item_id=${String(item.id)}`,
    });
    return level;
  }

  item(shop: ShopState, itemGid: string): InventoryItemRecord {
    const item = shop.items.get(parseGid('InventoryItem', itemGid) ?? -1);
    if (!item) throw fakeError(`no inventory item ${itemGid} in ${shop.domain}`);
    return item;
  }

  private checkCommon(name: string, reason: string, uri: string | null | undefined): UserError[] {
    const errors: UserError[] = [];
    if (!WRITABLE.includes(name)) {
      errors.push({ code: 'INVALID_QUANTITY_NAME', field: ['input', 'name'], message: `The quantity name must be one of: ${WRITABLE.join(', ')} (the fake models only these).` });
    }
    if (!REASONS.includes(reason)) errors.push({ code: 'INVALID_REASON', field: ['input', 'reason'], message: 'The specified reason is invalid.' });
    if (uri != null && !/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(uri)) {
      errors.push({ code: 'INVALID_REFERENCE_DOCUMENT', field: ['input', 'referenceDocumentUri'], message: 'The specified reference document is invalid.' });
    }
    return errors;
  }

  private target(shop: ShopState, c: Record<string, unknown>, field: string[], errors: UserError[]): Omit<Change, 'delta'> | null {
    const item = shop.items.get(parseGid('InventoryItem', c.inventoryItemId) ?? -1);
    if (!item) {
      errors.push({ code: 'INVALID_INVENTORY_ITEM', field: [...field, 'inventoryItemId'], message: 'The specified inventory item could not be found.' });
      return null;
    }
    const locationId = parseGid('Location', c.locationId) ?? -1;
    const level = item.levels.get(locationId);
    if (!level) {
      errors.push({ code: 'INVALID_LOCATION', field: [...field, 'locationId'], message: 'The specified location could not be found.' });
      return null;
    }
    return { item, level, locationId };
  }

  private checkQuantity(level: LevelRecord, name: string, changeFrom: unknown, after: number, field: string[], errors: UserError[]): void {
    if (changeFrom != null && changeFrom !== current(level, name)) {
      errors.push({ code: 'CHANGE_FROM_QUANTITY_STALE', field: [...field, 'changeFromQuantity'], message: 'The changeFromQuantity argument no longer matches the persisted quantity.' });
    }
    if (after > LIMIT) errors.push({ code: 'INVALID_QUANTITY_TOO_HIGH', field, message: `The quantity can't be higher than ${String(LIMIT)}.` });
    if (after < -LIMIT) errors.push({ code: 'INVALID_QUANTITY_TOO_LOW', field, message: `The quantity can't be lower than -${String(LIMIT)}.` });
  }

  private apply(shop: ShopState, name: string, reason: string, uri: string | null, changes: Change[]): Plain {
    const now = this.clock.now();
    const records: { name: string; delta: number; after: number; item: InventoryItemRecord; locationId: number }[] = [];
    for (const c of changes) {
      const level = this.move(shop, c.item, c.locationId, c.delta, 0);
      // adjusting available moves on_hand too (committed is fixed); Shopify lists both changes
      records.push({ name, delta: c.delta, after: current(level, name), item: c.item, locationId: c.locationId });
      const other = name === 'available' ? 'on_hand' : 'available';
      records.push({ name: other, delta: c.delta, after: current(level, other), item: c.item, locationId: c.locationId });
    }
    const group = {
      __typename: 'InventoryAdjustmentGroup',
      id: gid('InventoryAdjustmentGroup', newNumericId()),
      createdAt: isoSeconds(now),
      reason,
      referenceDocumentUri: uri,
      app: { __typename: 'App', id: gid('App', 1), title: 'Makeries', handle: 'makeries' },
      staffMember: null,
      changes: (args: Record<string, unknown>) =>
        records
          .filter((r) => !Array.isArray(args.quantityNames) || args.quantityNames.includes(r.name))
          .filter((r) => !Array.isArray(args.inventoryItemIds) || args.inventoryItemIds.includes(gid('InventoryItem', r.item.id)))
          .filter((r) => !Array.isArray(args.locationIds) || args.locationIds.includes(gid('Location', r.locationId)))
          .map((r) => ({
            __typename: 'InventoryChange',
            name: r.name,
            delta: r.delta,
            quantityAfterChange: r.after,
            ledgerDocumentUri: null,
            item: () => this.catalog.renderItem(shop, r.item),
            location: () => this.catalog.renderLocation(shop, r.locationId),
          })),
    };
    return { inventoryAdjustmentGroup: group, userErrors: [] };
  }
}
