import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { managerApproval } from '../test/fixtures';
import { dbState, errorData, expectRefused, startKit, type Kit } from './test-kit';

let kit: Kit;

beforeAll(async () => {
  kit = await startKit({ signedIn: 'cashier' });
});
afterAll(() => kit.close());

describe('catalogEdit over the counter API', () => {
  it('a cashier is asked for a manager’s PIN; with it the edit is queued and sync is told', async () => {
    const c = kit.client.catalogEdit;
    const [jam] = await c.list.query({ q: 'jam' });
    if (!jam) throw new Error('fixture jam missing');
    const before = dbState(kit.core);
    const refused = await expectRefused(kit.core, () => c.setOnline.mutate({ productId: jam.id, value: false }), 'FORBIDDEN');
    expect(errorData(refused).details).toMatchObject({ needsApproval: true });
    expect(dbState(kit.core)).toEqual(before);

    const writes = kit.sync.calls.notifyLocalWrite;
    const done = await c.setOnline.mutate({ productId: jam.id, value: false, approval: managerApproval(kit.shop) });
    expect(done).toMatchObject({ productId: jam.id, mutationId: 1 });
    expect(kit.sync.calls.notifyLocalWrite).toBe(writes + 1);
    expect((await c.list.query({ status: 'hidden' })).map((p) => [p.name, p.pendingSync])).toEqual([['Strawberry Jam', true]]);
  });

  it('bad input is BAD_INPUT with the field named, and writes nothing', async () => {
    const before = dbState(kit.core);
    const refused = await expectRefused(
      kit.core,
      () => kit.client.catalogEdit.save.mutate({ name: 'Scone', variants: [{ sku: 'has space', priceCents: -5 }], approval: managerApproval(kit.shop) }),
      'BAD_INPUT',
    );
    expect(errorData(refused).issues?.map((i) => i.path)).toEqual(expect.arrayContaining(['variants.0.sku', 'variants.0.priceCents']));
    expect(dbState(kit.core)).toEqual(before);
  });

  it('exports the catalog and previews an import as any staff member', async () => {
    const csv = await kit.client.catalogEdit.exportCsv.query();
    expect(csv).toMatchObject({ fileName: 'catalog-2025-05-01.csv', rows: 5 });
    const preview = await kit.client.catalogEdit.previewImport.mutate({ text: `${csv.text}\nScone,Default,SCONE-1,,2.10,Bread,standard,yes,` });
    expect(preview.counts).toMatchObject({ create: 1, error: 0 });
  });
});
