import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnContext } from '../types';
import type { ShopifyEnv } from './client';
import { catalogSince } from './catalog';
import { resetThrottle } from './throttle';

/** A stand-in for Shopify's GraphQL endpoint answering each request from a list (the real client talks to it). */
async function answering(answers: ((body: { query: string; variables: Record<string, unknown> }) => unknown)[]): Promise<{ server: Server; env: ShopifyEnv; seen: { query: string; variables: Record<string, unknown> }[] }> {
  const seen: { query: string; variables: Record<string, unknown> }[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const body = JSON.parse(raw) as { query: string; variables: Record<string, unknown> };
      seen.push(body);
      const answer = answers[seen.length - 1]?.(body) ?? { errors: [{ message: 'no more answers' }] };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  return { server, seen, env: { SHOPIFY_CLIENT_ID: 'id', SHOPIFY_CLIENT_SECRET: 's', SHOPIFY_CLIENT_SECRET_PREVIOUS: undefined, SHOPIFY_API_BASE: base, PUBLIC_URL: 'http://x', POS_TIMEOUT_MS: 5000 } };
}

const conn: ConnContext = { id: 'c', connectionKey: 'clay-corner.myshopify.com', locationExtId: null, currency: 'GBP', credentials: { accessToken: 't', refreshToken: null, expiresAt: null } };
const cost = { cost: { requestedQueryCost: 10, actualQueryCost: 5, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 1990, restoreRate: 100 } } };
let server: Server | null = null;
afterEach(() => {
  server?.close();
  server = null;
});

describe('Shopify incremental catalog', () => {
  it('reads deletions from the shop’s event log as product tombstones, keeping the run’s newest time', async () => {
    resetThrottle();
    const stub = await answering([
      () => ({ data: { shop: { currencyCode: 'GBP', taxesIncluded: false }, products: { nodes: [{ id: 'gid://shopify/Product/1', title: 'Mug', status: 'ACTIVE', updatedAt: '2026-12-06T10:00:00Z', variants: { nodes: [] } }], pageInfo: { hasNextPage: false, endCursor: 'c1' } } }, extensions: cost }),
      () => ({
        data: {
          events: {
            nodes: [
              { subjectId: 'gid://shopify/Product/2', subjectType: 'PRODUCT', action: 'destroy', createdAt: '2026-12-06T09:30:00Z' },
              { subjectId: 'gid://shopify/Product/3', subjectType: 'PRODUCT', action: 'update', createdAt: '2026-12-06T09:31:00Z' },
              {},
            ],
            pageInfo: { hasNextPage: false, endCursor: null },
          },
        },
        extensions: cost,
      }),
    ]);
    server = stub.server;
    const first = await catalogSince(stub.env, conn, '2026-12-06T09:00:00Z', null);
    expect(stub.seen[0]?.variables.query).toBe("updated_at:>'2026-12-06T08:55:00Z'");
    expect(first.products.map((p) => p.extId)).toEqual(['gid://shopify/Product/1']);
    expect(first.latest).toBe('2026-12-06T10:00:00.000Z');
    expect(first.next).toMatch(/^d:\d+:$/);
    const second = await catalogSince(stub.env, conn, '2026-12-06T09:00:00Z', first.next);
    expect(stub.seen[1]?.variables.query).toBe("subject_type:PRODUCT AND action:destroy AND created_at:>'2026-12-06T08:55:00Z'");
    expect(second.deleted).toEqual([{ extId: 'gid://shopify/Product/2', type: 'product', version: String(Date.parse('2026-12-06T09:30:00Z')), updatedAt: '2026-12-06T09:30:00.000Z' }]);
    // a deletion older than the newest product change does not move the cursor back
    expect(second.latest).toBe('2026-12-06T10:00:00.000Z');
    expect(second.next).toBeNull();
  });

  it('does not stop the sync when the event log is refused (the nightly compare archives deleted products)', async () => {
    resetThrottle();
    const stub = await answering([() => ({ errors: [{ message: 'Access denied for events field.', extensions: { code: 'ACCESS_DENIED' } }] })]);
    server = stub.server;
    const page = await catalogSince(stub.env, conn, '2026-12-06T09:00:00Z', `d:${String(Date.parse('2026-12-06T10:00:00Z'))}:`);
    expect(page).toMatchObject({ deleted: [], next: null, latest: '2026-12-06T10:00:00.000Z' });
  });
});
