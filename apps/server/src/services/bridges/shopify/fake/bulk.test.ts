import { afterEach, describe, expect, it } from 'vitest';
import type { ShopifyFake } from './index';
import { SHOP, adminClient, gql, startWithShop } from './test-helpers';

let fake: ShopifyFake | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

const BULK_QUERY = `{
  products { edges { node { id title
    variants { edges { node { id sku price inventoryItem { id tracked
      inventoryLevels { edges { node { location { id } quantities(names: ["available"]) { name quantity } } } } } } } }
  } } }
}`;

const RUN = `mutation Run($query: String!) { bulkOperationRunQuery(query: $query) { bulkOperation { id status } userErrors { code field message } } }`;
const POLL = `query Poll($id: ID!) { node(id: $id) { ... on BulkOperation { id status errorCode url objectCount rootObjectCount } } }`;

interface RunAnswer {
  bulkOperationRunQuery: { bulkOperation: { id: string; status: string } | null; userErrors: { code: string; message: string }[] };
}
interface PollAnswer {
  node: { id: string; status: string; errorCode: string | null; url: string | null; objectCount: string; rootObjectCount: string };
}

describe('shopify fake: bulk operations', () => {
  it('runs products → variants → inventory levels into JSONL whose children carry __parentId, completing over polls', async () => {
    fake = await startWithShop();
    const seeded = fake.seedCatalog(SHOP, 3, { available: 2 });
    const client = adminClient(fake);
    const run = await gql<RunAnswer>(client, RUN, { query: BULK_QUERY });
    const op = run.data!.bulkOperationRunQuery.bulkOperation!;
    expect(op.status).toBe('CREATED');

    const statuses: string[] = [];
    let polled: PollAnswer['node'] | null = null;
    for (let i = 0; i < 5 && polled?.status !== 'COMPLETED'; i++) {
      polled = (await gql<PollAnswer>(client, POLL, { id: op.id })).data!.node;
      statuses.push(polled.status);
    }
    expect(statuses).toEqual(['RUNNING', 'COMPLETED']);
    const variantCount = seeded.reduce((n, s) => n + s.variantIds.length, 0);
    expect(polled!.rootObjectCount).toBe('3');
    expect(polled!.objectCount).toBe(String(3 + variantCount + variantCount * 2));

    const text = await (await fetch(polled!.url!)).text();
    const rows = text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const products = rows.filter((r) => String(r.id).includes('/Product/'));
    expect(products.map((r) => r.id)).toEqual(seeded.map((s) => s.productId));
    expect(products.every((r) => !('__parentId' in r) && !('variants' in r))).toBe(true);
    const variants = rows.filter((r) => String(r.id).includes('/ProductVariant/'));
    expect(variants).toHaveLength(variantCount);
    for (const s of seeded) {
      for (const v of s.variantIds) expect(variants.find((r) => r.id === v)?.__parentId).toBe(s.productId);
    }
    // the inventory item is inline in its variant; its levels hang under the variant line
    const firstVariant = variants[0]!;
    expect(firstVariant.inventoryItem).toEqual({ id: seeded[0]!.inventoryItemIds[0], tracked: true });
    const levels = rows.filter((r) => r.__parentId === firstVariant.id);
    expect(levels.map((r) => r.quantities)).toEqual([[{ name: 'available', quantity: 2 }], [{ name: 'available', quantity: 2 }]]);

    const hooks = fake.takeWebhooks().filter((h) => h.topic === 'bulk_operations/finish');
    expect(hooks.map((h) => (JSON.parse(h.body) as { admin_graphql_api_id: string }).admin_graphql_api_id)).toEqual([op.id]);
  });

  it('allows five running bulk queries per shop, refuses the sixth, and shows the latest as currentBulkOperation', async () => {
    fake = await startWithShop();
    fake.seedCatalog(SHOP, 1);
    const client = adminClient(fake);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await gql<RunAnswer>(client, RUN, { query: BULK_QUERY });
      ids.push(r.data!.bulkOperationRunQuery.bulkOperation!.id);
    }
    const sixth = await gql<RunAnswer>(client, RUN, { query: BULK_QUERY });
    expect(sixth.data!.bulkOperationRunQuery.bulkOperation).toBeNull();
    expect(sixth.data!.bulkOperationRunQuery.userErrors[0]).toMatchObject({ code: 'OPERATION_IN_PROGRESS' });
    expect(sixth.data!.bulkOperationRunQuery.userErrors[0]!.message).toContain('A bulk query operation for this app and shop is already in progress');
    const current = await gql<{ currentBulkOperation: { id: string; status: string } }>(client, '{ currentBulkOperation { id status } }');
    expect(current.data!.currentBulkOperation).toEqual({ id: ids[4], status: 'RUNNING' });
    fake.finishBulkOperations(SHOP);
    const seventh = await gql<RunAnswer>(client, RUN, { query: BULK_QUERY });
    expect(seventh.data!.bulkOperationRunQuery.userErrors).toEqual([]);
  });

  it('ends a bulk operation FAILED with its error code and no file when the fault is set', async () => {
    fake = await startWithShop();
    fake.seedCatalog(SHOP, 2);
    const client = adminClient(fake);
    fake.faults.failBulk({ times: 1, errorCode: 'TIMEOUT' });
    const op = (await gql<RunAnswer>(client, RUN, { query: BULK_QUERY })).data!.bulkOperationRunQuery.bulkOperation!;
    await gql<PollAnswer>(client, POLL, { id: op.id });
    const failed = (await gql<PollAnswer>(client, POLL, { id: op.id })).data!.node;
    expect(failed).toMatchObject({ status: 'FAILED', errorCode: 'TIMEOUT', url: null, objectCount: '0' });
    expect(fake.takeWebhooks().filter((h) => h.topic === 'bulk_operations/finish').map((h) => JSON.parse(h.body) as unknown)).toEqual([
      expect.objectContaining({ status: 'failed', error_code: 'timeout' }),
    ]);
    const retry = (await gql<RunAnswer>(client, RUN, { query: BULK_QUERY })).data!.bulkOperationRunQuery.bulkOperation!;
    fake.finishBulkOperations(SHOP);
    expect((await gql<PollAnswer>(client, POLL, { id: retry.id })).data!.node).toMatchObject({ status: 'COMPLETED', errorCode: null });
  });

  it('refuses bulk queries that are invalid, have no connection, or nest a connection under a node without id', async () => {
    fake = await startWithShop();
    fake.seedCatalog(SHOP, 1);
    const client = adminClient(fake);
    const codes = async (query: string) => (await gql<RunAnswer>(client, RUN, { query })).data!.bulkOperationRunQuery.userErrors;
    expect((await codes('{ products { edges { node { nope } } } }'))[0]?.code).toBe('INVALID');
    expect((await codes('{ shop { name } }'))[0]?.message).toBe('Bulk queries must contain at least one connection.');
    expect((await codes('{ products { edges { node { title variants { edges { node { id } } } } } } }'))[0]?.message).toContain("must select the 'id' field");
  });
});
