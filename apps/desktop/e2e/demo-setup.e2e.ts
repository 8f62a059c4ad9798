import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTRPCClient, httpLink } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CounterRouter } from '../src/core/router/index';
import { startHeadlessCounter, type HeadlessCounter } from '../src/core/server/headless';
import { serverClient } from '../src/core/sync/test-kit';
import { startServerProcess, type ServerProcess } from '../src/core/test/server-process';
import { DEMO_PINS, ownerToken, pairDemoCounter, prepareDemoStaff } from '../scripts/demo-setup';

/* `pnpm start`'s first-start setup against the real marketplace: demo staff with PINs, then a paired counter. */

let server: ServerProcess;
let counter: HeadlessCounter;
let dir: string;
const email = 'owner@demo-setup.example';
const password = 'makeries-demo';

beforeAll(async () => {
  server = await startServerProcess();
  await serverClient(server.url).vendors.register.mutate({
    slug: 'demo-setup',
    name: 'Demo Setup Bakery',
    email: 'hello@demo-setup.example',
    addressLine1: '1 Quay',
    city: 'Bristol',
    postcode: 'BS1 1AA',
    country: 'GB',
    lat: 51.45,
    lng: -2.59,
    timezone: 'Europe/London',
    currency: 'GBP',
    taxMode: 'inclusive',
    openingHours: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: '00:00', close: '24:00' })),
    owner: { name: 'Demo Owner', email, password },
  });
  dir = mkdtempSync(join(tmpdir(), 'demo-counter-'));
  counter = await startHeadlessCounter({ serverUrl: server.url, dataDir: dir, port: 0 });
});
afterAll(async () => {
  await counter?.shutdown();
  await server?.destroy();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the demo launcher’s first start', () => {
  it('gives the shop staff with known PINs, pairs the counter, and they can sign in there', async () => {
    const token = await ownerToken(server.url, email, password);
    const staff = await prepareDemoStaff(server.url, token, 'manager@demo-setup.example', password);
    expect(staff.map((s) => [s.role, s.pin])).toEqual([
      ['owner', DEMO_PINS.owner],
      ['manager', DEMO_PINS.manager],
      ['cashier', DEMO_PINS.cashier],
    ]);
    expect(await pairDemoCounter(server.url, token, counter.url)).toMatchObject({ registerCode: expect.stringMatching(/\w/), shopName: 'Demo Setup Bakery', paired: 'now' });

    const c = createTRPCClient<CounterRouter>({ links: [httpLink({ url: `${counter.url}/trpc` })] });
    const onCounter = await c.staff.list.query();
    const cashier = onCounter.find((s) => s.role === 'cashier');
    expect(cashier).toMatchObject({ hasPin: true });
    expect(await c.staff.login.mutate({ staffId: cashier?.id ?? '', pin: DEMO_PINS.cashier })).toMatchObject({ role: 'cashier' });
  });

  it('creates nothing twice when started again', async () => {
    const token = await ownerToken(server.url, email, password);
    await prepareDemoStaff(server.url, token, 'manager@demo-setup.example', password);
    expect(await pairDemoCounter(server.url, token, counter.url)).toMatchObject({ paired: 'already' });
    const staff = await serverClient(server.url, token).staff.list.query();
    expect(staff.map((s) => s.role).sort()).toEqual(['cashier', 'manager', 'owner']);
  });
});
