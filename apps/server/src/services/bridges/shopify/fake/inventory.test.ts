import { afterEach, describe, expect, it } from 'vitest';
import type { ShopifyFake } from './index';
import { LOCATION, LOCATION_ID, OTHER_LOCATION, SHOP, adminClient, gql, startWithShop } from './test-helpers';

let fake: ShopifyFake | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

interface AdjustAnswer {
  inventoryAdjustQuantities: {
    inventoryAdjustmentGroup: { id: string; changes: { name: string; delta: number; quantityAfterChange: number; item: { id: string } }[] } | null;
    userErrors: { code: string; field: string[] | null; message: string }[];
  } | null;
}

const ADJUST = `mutation Adjust($input: InventoryAdjustQuantitiesInput!, $key: String!) {
  inventoryAdjustQuantities(input: $input) @idempotent(key: $key) {
    inventoryAdjustmentGroup { id changes { name delta quantityAfterChange item { id } } }
    userErrors { code field message }
  }
}`;

function adjustInput(item: string, delta: number, changeFromQuantity: number | null = null, location = LOCATION): Record<string, unknown> {
  return { name: 'available', reason: 'correction', referenceDocumentUri: 'gid://makeries/Sale/1', changes: [{ inventoryItemId: item, locationId: location, delta, changeFromQuantity }] };
}

describe('shopify fake: inventory writes', () => {
  it('applies an @idempotent adjustment once: the same key answers the same group, another input is a mismatch', async () => {
    fake = await startWithShop();
    const [p] = fake.seedCatalog(SHOP, 1, { available: 7 });
    const item = p!.inventoryItemIds[0]!;
    fake.takeWebhooks();
    const client = adminClient(fake);
    const first = await gql<AdjustAnswer>(client, ADJUST, { input: adjustInput(item, -2), key: 'mv-1' });
    const group = first.data!.inventoryAdjustQuantities!.inventoryAdjustmentGroup!;
    expect(group.changes).toEqual([
      { name: 'available', delta: -2, quantityAfterChange: 5, item: { id: item } },
      { name: 'on_hand', delta: -2, quantityAfterChange: 5, item: { id: item } },
    ]);
    const again = await gql<AdjustAnswer>(client, ADJUST, { input: adjustInput(item, -2), key: 'mv-1' });
    expect(again.data!.inventoryAdjustQuantities!.inventoryAdjustmentGroup!.id).toBe(group.id);
    expect(fake.stateOf.available(item)).toBe(5);

    const mismatch = await gql<AdjustAnswer>(client, ADJUST, { input: adjustInput(item, -3), key: 'mv-1' });
    expect(mismatch.data!.inventoryAdjustQuantities!.userErrors.map((e) => e.code)).toEqual(['IDEMPOTENCY_KEY_PARAMETER_MISMATCH']);
    expect(fake.stateOf.available(item)).toBe(5);

    // the app hears its own write: one inventory_levels/update per applied change
    const hooks = fake.takeWebhooks();
    expect(hooks.map((h) => h.topic)).toEqual(['inventory_levels/update']);
    expect(JSON.parse(hooks[0]!.body)).toMatchObject({ inventory_item_id: Number(item.split('/').pop()), location_id: LOCATION_ID, available: 5 });
  });

  it('refuses an inventory write without @idempotent (required since 2026-04) and applies nothing', async () => {
    fake = await startWithShop();
    const [p] = fake.seedCatalog(SHOP, 1, { available: 7 });
    const item = p!.inventoryItemIds[0]!;
    const client = adminClient(fake);
    const noKey = await gql<AdjustAnswer>(
      client,
      'mutation A($input: InventoryAdjustQuantitiesInput!) { inventoryAdjustQuantities(input: $input) { userErrors { code } } }',
      { input: adjustInput(item, -1) },
    );
    expect(noKey.message).toBe('The @idempotent directive is required for the inventoryAdjustQuantities mutation.');
    expect(noKey.data?.inventoryAdjustQuantities ?? null).toBeNull();
    const setNoKey = await gql(
      client,
      `mutation { inventorySetQuantities(input: {name: "available", reason: "correction", quantities: [{inventoryItemId: "${item}", locationId: "${LOCATION}", quantity: 1, changeFromQuantity: 7}]}) { userErrors { code } } }`,
    );
    expect(setNoKey.message).toBe('The @idempotent directive is required for the inventorySetQuantities mutation.');
    expect(fake.stateOf.available(item)).toBe(7);
  });

  it('refuses a stale changeFromQuantity (CHANGE_FROM_QUANTITY_STALE) for adjust and set, atomically', async () => {
    fake = await startWithShop();
    const [a, b] = fake.seedCatalog(SHOP, 2, { available: 7 });
    const itemA = a!.inventoryItemIds[0]!;
    const itemB = b!.inventoryItemIds[0]!;
    const client = adminClient(fake);
    fake.setAvailable(itemA, 6);
    const stale = await gql<AdjustAnswer>(client, ADJUST, {
      input: { name: 'available', reason: 'correction', changes: [
        { inventoryItemId: itemB, locationId: LOCATION, delta: -1, changeFromQuantity: 7 },
        { inventoryItemId: itemA, locationId: LOCATION, delta: -1, changeFromQuantity: 7 },
      ] },
      key: 'mv-stale',
    });
    const payload = stale.data!.inventoryAdjustQuantities!;
    expect(payload.inventoryAdjustmentGroup).toBeNull();
    expect(payload.userErrors).toEqual([{ code: 'CHANGE_FROM_QUANTITY_STALE', field: ['input', 'changes', '1', 'changeFromQuantity'], message: 'The changeFromQuantity argument no longer matches the persisted quantity.' }]);
    expect([fake.stateOf.available(itemA), fake.stateOf.available(itemB)]).toEqual([6, 7]);

    // a refused key is not stored: the retry with the right expectation goes through
    const fixed = await gql<AdjustAnswer>(client, ADJUST, { input: adjustInput(itemA, -1, 6), key: 'mv-fresh' });
    expect(fixed.data!.inventoryAdjustQuantities!.userErrors).toEqual([]);
    expect(fake.stateOf.available(itemA)).toBe(5);

    const SET = `mutation Set($input: InventorySetQuantitiesInput!, $key: String!) {
      inventorySetQuantities(input: $input) @idempotent(key: $key) { inventoryAdjustmentGroup { changes { name delta quantityAfterChange } } userErrors { code } }
    }`;
    const set = (quantity: number, changeFromQuantity: number, key: string) =>
      gql<{ inventorySetQuantities: { inventoryAdjustmentGroup: { changes: { name: string; delta: number; quantityAfterChange: number }[] } | null; userErrors: { code: string }[] } }>(
        client, SET, { input: { name: 'available', reason: 'correction', quantities: [{ inventoryItemId: itemB, locationId: OTHER_LOCATION, quantity, changeFromQuantity }] }, key },
      );
    expect((await set(3, 6, 's-1')).data!.inventorySetQuantities.userErrors.map((e) => e.code)).toEqual(['CHANGE_FROM_QUANTITY_STALE']);
    const ok = await set(3, 7, 's-2');
    expect(ok.data!.inventorySetQuantities.inventoryAdjustmentGroup!.changes[0]).toEqual({ name: 'available', delta: -4, quantityAfterChange: 3 });
    expect(fake.stateOf.available(itemB, OTHER_LOCATION)).toBe(3);
    expect(fake.stateOf.available(itemB)).toBe(7);
  });

  it('refuses unknown items, locations and quantity names with userErrors', async () => {
    fake = await startWithShop();
    const [p] = fake.seedCatalog(SHOP, 1);
    const client = adminClient(fake);
    const bad = await gql<AdjustAnswer>(client, ADJUST, {
      input: { name: 'available', reason: 'because', changes: [
        { inventoryItemId: 'gid://shopify/InventoryItem/1', locationId: LOCATION, delta: 1 },
        { inventoryItemId: p!.inventoryItemIds[0], locationId: 'gid://shopify/Location/1', delta: 1 },
      ] },
      key: 'mv-bad',
    });
    expect(bad.data!.inventoryAdjustQuantities!.userErrors.map((e) => e.code)).toEqual(['INVALID_REASON', 'INVALID_INVENTORY_ITEM', 'INVALID_LOCATION']);
  });
});
