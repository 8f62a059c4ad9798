import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createTRPCClient, httpLink } from '@trpc/client';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { CounterRouter } from '../src/core/router/index';
import { TRPC_PATH } from '../src/core/server/http';
import type { Stack } from './harness';

/*
 * What the screen and tender browser tests share: the counter's own API (to set a shop up fast and to read back
 * what was recorded), the screen sizes a kiosk has, "does it fit" checks, and axe-core in the page.
 */

export const SCREENS = [
  { width: 1024, height: 768 },
  { width: 1280, height: 800 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;
export const sizeName = (s: { width: number; height: number }) => `${s.width}x${s.height}`;

/** The smallest thing a thumb hits reliably (WCAG 2.5.5 asks 44 CSS px). */
const TOUCH_PX = 44;

export type CounterApi = ReturnType<typeof counterApi>;

/** The headless counter's API over HTTP, as the UI calls it (no Origin header: a local tool). */
function counterApi(url: string) {
  return createTRPCClient<CounterRouter>({ links: [httpLink({ url: `${url}${TRPC_PATH}` })] });
}

const CATEGORIES: { name: string; products: [string, number][] }[] = [
  {
    name: 'Bread',
    products: [
      ['Country Sourdough Loaf', 450],
      ['Seeded Rye', 420],
      ['Baguette', 220],
      ['Focaccia with Rosemary and Sea Salt', 380],
      ['Brioche Buns (pack of 4)', 350],
      ['Wholemeal Tin', 300],
      ['Cinnamon Swirl', 260],
      ['Cheese Scone', 210],
      ['Olive Bread', 410],
      ['Spelt Loaf', 440],
    ],
  },
  { name: 'Cakes & pastries', products: [['Almond Croissant', 320], ['Lemon Drizzle Slice', 290]] },
  { name: 'Drinks', products: [['Flat White', 310]] },
  { name: 'Jams & preserves', products: [['Seville Orange Marmalade', 525]] },
];

/** Pairs the counter and signs the manager in, through the counter's API. */
export async function signedInCounter(stack: Stack): Promise<CounterApi> {
  const api = counterApi(stack.counter.url);
  await api.device.pair.mutate({ code: await stack.shop.pairingCode() });
  await api.staff.login.mutate({ staffId: stack.manager.id, pin: stack.manager.pin });
  return api;
}

/** A signed-in counter whose shop has quick keys in four categories, some with long names. */
export async function readyShop(stack: Stack): Promise<CounterApi> {
  const api = await signedInCounter(stack);
  for (const [i, c] of CATEGORIES.entries()) {
    const { id } = await api.catalogEdit.saveCategory.mutate({ name: c.name, sort: i });
    for (const [j, [name, priceCents]] of c.products.entries()) {
      await api.catalogEdit.save.mutate({ name, categoryId: id, variants: [{ sku: `Q-${i}-${j}`, priceCents }] });
    }
  }
  return api;
}

/** The page never scrolls sideways, and each control is wholly inside the window (nothing cut off). */
export async function expectFits(page: Page, where: string, controls: Record<string, Locator>): Promise<void> {
  const { scrollWidth, innerWidth, innerHeight } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    innerHeight: window.innerHeight,
  }));
  expect(scrollWidth, `${where}: the page scrolls sideways`).toBeLessThanOrEqual(innerWidth);
  for (const [name, locator] of Object.entries(controls)) {
    const box = await locator.boundingBox();
    expect.soft(box, `${where}: ${name} is not on screen`).not.toBeNull();
    if (!box) continue;
    const inside = box.x >= 0 && box.y >= 0 && box.x + box.width <= innerWidth + 0.5 && box.y + box.height <= innerHeight + 0.5;
    expect.soft(inside, `${where}: ${name} is cut off (${JSON.stringify(box)} in ${innerWidth}×${innerHeight})`).toBe(true);
  }
}

/** No button, field, tab or table heading on screen sticks out past the window's left or right edge. */
export async function expectNothingCutSideways(page: Page, where: string): Promise<void> {
  const cut = await page.evaluate(() => {
    const width = window.innerWidth;
    return [...document.querySelectorAll('button, input, select, textarea, th, [role="tab"], h1, h2, h3')]
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      // 1 px boxes are visually hidden text (for screen readers), not controls
      .filter(({ r }) => r.width > 1 && r.height > 1 && (r.left < -0.5 || r.right > width + 0.5))
      .map(({ el, r }) => `${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 40)}" spans ${Math.round(r.left)}–${Math.round(r.right)} px`);
  });
  expect.soft(cut, `${where}: cut off at the side`).toEqual([]);
}

/** Each control is at least a thumb high (and wide). */
export async function expectTouchable(where: string, controls: Record<string, Locator>): Promise<void> {
  for (const [name, locator] of Object.entries(controls)) {
    const box = await locator.boundingBox();
    expect.soft(box, `${where}: ${name} is not on screen`).not.toBeNull();
    expect.soft(box?.height ?? 0, `${where}: ${name} is too small to tap`).toBeGreaterThanOrEqual(TOUCH_PX);
    expect.soft(box?.width ?? 0, `${where}: ${name} is too narrow to tap`).toBeGreaterThanOrEqual(TOUCH_PX);
  }
}

/** A scrolling box that must not scroll: its content fits its height. */
export async function expectNoScroll(where: string, box: Locator): Promise<void> {
  const { scrollHeight, clientHeight } = await box.evaluate((el) => ({ scrollHeight: el.scrollHeight, clientHeight: el.clientHeight }));
  expect(scrollHeight, `${where}: scrolls (${scrollHeight} px of content in ${clientHeight} px)`).toBeLessThanOrEqual(clientHeight + 1);
}

// the counter's CSP (script-src 'self') refuses an inline <script>, so axe goes in through DevTools' evaluate
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core'), 'utf8');

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[];
}

/** axe-core's serious and critical findings on the page as it is now, one readable line per element. */
export async function seriousA11yProblems(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const result = (await page.evaluate(() => (window as unknown as { axe: { run(ctx: Document): Promise<unknown> } }).axe.run(document))) as AxeResult;
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id} (${v.help}) at ${JSON.stringify(n.target)}: ${n.failureSummary ?? ''}`));
}
