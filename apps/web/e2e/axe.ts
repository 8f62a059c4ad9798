import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

// the storefront's CSP refuses inline scripts, so axe goes in through DevTools' evaluate (not a <script> tag)
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core'), 'utf8');

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; html: string; failureSummary?: string }[] }[];
}

/** axe-core's serious and critical findings on the page as it is now, one readable line per element. */
export async function seriousA11yProblems(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const result = (await page.evaluate(() => (window as unknown as { axe: { run(ctx: Document): Promise<unknown> } }).axe.run(document))) as AxeResult;
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id} (${v.help}) at ${JSON.stringify(n.target)} ${n.html.slice(0, 160)}: ${n.failureSummary ?? ''}`));
}
