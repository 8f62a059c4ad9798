import type { TenderKind } from './document';

const TENDER_LABELS: Record<TenderKind, string> = {
  cash: 'Cash',
  external_card: 'Card',
  stripe_terminal: 'Card (Stripe)',
};

/** How a tender reads on paper and on screen. */
export function tenderLabel(kind: TenderKind): string {
  return TENDER_LABELS[kind];
}

/** 2000 → "20%", 1250 → "12.5%", 0 → "0%". */
export function formatRate(bps: number): string {
  const whole = Math.trunc(bps / 100);
  const frac = String(bps % 100).padStart(2, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}%` : `${whole}%`;
}
