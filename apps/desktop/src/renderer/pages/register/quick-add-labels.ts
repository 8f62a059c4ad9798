import { formatRate } from '@makeries/shared';

/** "VAT 20%": the shop's own name for the rate, with the rate when the name does not say it. */
export function formatRateLabel(t: { name: string; rateBps: number }): string {
  return t.name.includes('%') ? t.name : `${t.name} ${formatRate(t.rateBps)}`;
}
