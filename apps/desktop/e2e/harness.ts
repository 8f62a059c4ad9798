import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gtinCheckDigit } from '@makeries/shared';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { createServerShop, type ServerShop, type ShopVariant } from '../src/core/sync/test-kit';
import { startServerProcess, type ServerProcess } from '../src/core/test/server-process';

/*
 * What the browser tests stand on: the real marketplace (child process), a shop made through its public API,
 * a headless counter serving the built UI, and Debian's Chromium. Waits are on what the page shows, never sleeps.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** screenshots for people to look at: a temp folder per run (CI keeps it as an artifact), copied to /tmp/ui-shots */
export const SHOTS_DIR = process.env.UI_SHOTS_DIR ?? mkdtempSync(join(tmpdir(), 'counter-ui-shots-'));
const LOOK_DIR = '/tmp/ui-shots';

export interface Stack {
  server: ServerProcess;
  shop: ServerShop;
  /** a product with an EAN-13 on its label, for the scanner */
  jam: ShopVariant & { barcode: string };
  manager: { id: string; name: string; pin: string };
  counter: CounterProcess;
  dataDir: string;
  close(): Promise<void>;
}

export async function startStack(uiDir: string, serverEnv: Record<string, string> = {}): Promise<Stack> {
  const server = await startServerProcess(serverEnv);
  try {
    const shop = await createServerShop(server.url, 'Harbour Bakery');
    const barcode = `500000000123`;
    const ean = `${barcode}${gtinCheckDigit(barcode)}`;
    const p = await shop.owner.products.create.mutate({ name: 'Harbour Raspberry Jam', variants: [{ sku: 'JAM-1', priceCents: 399, taxClass: 'standard', barcode: ean }] });
    const v = p.variants[0];
    if (!v) throw new Error('the jam has no variant');
    await shop.owner.inventory.receive.mutate({ variantId: v.id, quantity: 30, note: 'Opening stock' });
    const manager = await shop.owner.staff.create.mutate({ role: 'manager', name: 'Maya Manager', email: `maya@${shop.vendorId.slice(-8)}.example`, password: 'correct horse battery', pin: '2468' });
    const dataDir = mkdtempSync(join(tmpdir(), 'counter-ui-e2e-'));
    const counter = await startCounterProcess({ serverUrl: server.url, dataDir, uiDir });
    return {
      server,
      shop,
      jam: { id: v.id, productId: p.id, name: p.name, sku: 'JAM-1', priceCents: 399, barcode: ean },
      manager: { id: manager.id, name: manager.name, pin: '2468' },
      counter,
      dataDir,
      async close() {
        await counter.shutdown();
        await server.destroy();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await server.destroy();
    throw e;
  }
}

interface CounterProcess {
  url: string;
  shutdown(): Promise<void>;
}

/** `e2e/counter-process.ts` as a child process; resolves once it serves the UI. */
async function startCounterProcess(args: { serverUrl: string; dataDir: string; uiDir: string }): Promise<CounterProcess> {
  const script = fileURLToPath(new URL('./counter-process.ts', import.meta.url));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
  const started = await new Promise<{ url: string; servesUi: boolean }>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line) as { url: string; servesUi: boolean });
    });
    child.once('exit', (code) => reject(new Error(`the counter exited (${code}) before it started:\n${err}`)));
  });
  if (!started.servesUi) throw new Error(`the headless counter found no built UI in ${args.uiDir}`);
  return {
    url: started.url,
    shutdown: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) { resolve(); return; }
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function launch(viewport = { width: 1280, height: 800 }): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const page = await browser.newPage({ viewport });
  page.setDefaultTimeout(20_000);
  return { browser, page };
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  mkdirSync(LOOK_DIR, { recursive: true });
  const file = join(SHOTS_DIR, `${name}.png`);
  // let the fonts and any entrance transition settle into a stable frame
  await page.evaluate(() => document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))));
  await page.screenshot({ path: file });
  copyFileSync(file, join(LOOK_DIR, `${name}.png`));
}

/**
 * A keyboard-wedge (USB HID) scanner: the code and Enter as real key events through Chromium's input pipeline,
 * all sent at once the way a device's reports arrive. page.keyboard.type waits for each key's round trip, so on
 * this busy 2-core machine its keys land 40+ ms apart and the burst classifier rightly takes them for typing
 * (measured: 26 of 30 scans split at load 8; 0 of 30 this way).
 */
export async function scan(page: Page, code: string): Promise<void> {
  // a device's burst does not wait for the page: but one that lands while the page is mid-render (a sync round
  // just refreshed the screen) is delivered late by the test pipeline, not by the device, so start from a quiet page
  await page.evaluate(() => new Promise((r) => requestIdleCallback(r, { timeout: 1_000 })));
  const cdp = await page.context().newCDPSession(page);
  try {
    const keys = Array.from(code, (ch) => ({ key: ch, text: ch, code: /\d/.test(ch) ? `Digit${ch}` : `Key${ch.toUpperCase()}`, vk: ch.toUpperCase().charCodeAt(0) }));
    keys.push({ key: 'Enter', text: '\r', code: 'Enter', vk: 13 });
    await Promise.all(
      keys.flatMap((k) => [
        cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: k.key, text: k.text, code: k.code, windowsVirtualKeyCode: k.vk }),
        cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: k.key, code: k.code, windowsVirtualKeyCode: k.vk }),
      ]),
    );
  } finally {
    await cdp.detach();
  }
}

/** A person at the keyboard: slow enough never to be mistaken for a scanner. */
export async function typeByHand(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text, { delay: 90 });
}

/** Waits until the locator shows text matching `match` (Playwright re-checks on every DOM change). */
export async function waitForText(locator: Locator, match: RegExp, timeoutMs = 20_000): Promise<string> {
  const hit = locator.filter({ hasText: match }).first();
  await hit.waitFor({ state: 'visible', timeout: timeoutMs });
  return hit.innerText();
}
