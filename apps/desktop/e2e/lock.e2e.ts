import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { eventually } from '../src/core/sync/test-kit';
import { launch, shot, SHOTS_DIR, startStack, typeByHand, waitForText, type Stack } from './harness';

/*
 * The lock screen in browser mode against the real marketplace: the PIN alone signs staff in, a PIN two people
 * share asks which of them, and a counter that is online never says "offline".
 */

let stack: Stack;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [stack, { browser, page }] = await Promise.all([startStack(inject('uiDir')), launch({ width: 1024, height: 768 })]);
});
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail' && page) await shot(page, `FAILED-lock-${task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => {});
});
afterAll(async () => {
  console.info(`Screenshots: ${SHOTS_DIR} (copies in /tmp/ui-shots)`);
  await browser?.close();
  await stack?.close();
});

/** what the counter itself says about the connection (/healthz), not what the page shows */
async function counterHealth(): Promise<{ online: boolean }> {
  const res = await fetch(`${stack.counter.url}/healthz`);
  return (await res.json()) as { online: boolean };
}

/** the staff the counter has from the marketplace, through its public API */
async function counterStaffNames(): Promise<string[]> {
  const res = await fetch(`${stack.counter.url}/trpc/staff.list`, { headers: { origin: stack.counter.url } });
  const body = (await res.json()) as { result: { data: { name: string }[] } };
  return body.result.data.map((s) => s.name);
}

async function typePin(pin: string): Promise<void> {
  await typeByHand(page, pin);
  await page.keyboard.press('Enter');
}

describe('the lock screen', () => {
  it('asks only for a PIN, and says nothing about being offline while online', async () => {
    await page.goto(stack.counter.url);
    await page.getByLabel('Pairing code').fill(await stack.shop.pairingCode());
    await page.getByRole('button', { name: 'Pair counter' }).click();
    await page.getByRole('heading', { name: 'Type your PIN' }).waitFor();
    await eventually('the counter reaches the marketplace', async () => expect((await counterHealth()).online).toBe(true));
    await waitForText(page.getByTestId('sync-connection'), /Online/);
    expect(await page.getByRole('button', { name: /Sign in as/ }).count()).toBe(0);
    // neither the words nor a hint of them ("…when the network is back") while the marketplace answers
    expect(await page.locator('body').innerText()).not.toMatch(/offline|network is back/i);
    await shot(page, 'lock-01-pin-only');
  });

  it('a wrong PIN is refused in words; the cashier’s PIN alone opens the register', async () => {
    await typePin('9999');
    await waitForText(page.getByRole('alert'), /Wrong PIN\. \d+ tries? left/);
    await typePin(stack.shop.cashier.pin);
    await page.getByText('Current sale').waitFor();
    await waitForText(page.getByTestId('signed-in-staff'), new RegExp(stack.shop.cashier.name));
    expect(await page.locator('body').innerText()).not.toMatch(/offline/i);
  });

  it('a PIN two staff share asks which of them, showing only their names', async () => {
    const twin = await stack.shop.owner.staff.create.mutate({ role: 'cashier', name: 'Tam Twin', pin: stack.shop.cashier.pin });
    await eventually('the new colleague reaches the counter', async () => expect(await counterStaffNames()).toContain(twin.name));
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('heading', { name: 'Type your PIN' }).waitFor();
    await typePin(stack.shop.cashier.pin);
    await page.getByRole('heading', { name: 'Who are you?' }).waitFor();
    const names = await page.getByRole('button', { name: /^Sign in as / }).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    expect(names.sort()).toEqual([`Sign in as ${stack.shop.cashier.name}`, `Sign in as ${twin.name}`].sort());
    expect(await page.getByText(stack.manager.name).count()).toBe(0);
    await shot(page, 'lock-02-shared-pin');
    await page.getByRole('button', { name: `Sign in as ${twin.name}` }).click();
    await waitForText(page.getByTestId('signed-in-staff'), /Tam Twin/);
    await page.getByText('Current sale').waitFor();
  });
});

/** a 1×1 PNG: the marketplace makes its own thumbnail (webp) from it */
const PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';

/** Loads `src` in an <img> on the counter page: its natural width, or 0 when the browser refused or failed it. */
function loadImage(src: string): Promise<number> {
  return page.evaluate(
    (url) =>
      new Promise<number>((resolve) => {
        const img = document.createElement('img');
        img.onload = () => resolve(img.naturalWidth);
        img.onerror = () => resolve(0);
        img.src = url;
      }),
    src,
  );
}

describe('product photos in browser mode', () => {
  it('show through the counter under img-src self; the marketplace origin itself stays blocked', async () => {
    const photo = await stack.shop.owner.products.uploadImage.mutate({ productId: stack.jam.productId, contentType: 'image/png', dataBase64: PIXEL_PNG });
    const direct = new URL(photo.thumbUrl, stack.server.url).href;
    const viaCounter = new URL(direct).pathname;
    expect(viaCounter).toMatch(/^\/media\/.+\.webp$/);
    expect(await loadImage(viaCounter)).toBeGreaterThan(0);
    expect(await loadImage(direct)).toBe(0);
  });
});
