import { Group, Stack, Text } from '@mantine/core';
import { FIGURE_LABELS, grossLabel } from '@makeries/shared';
import type { Outputs } from '../../api/types';
import { minus, money } from '../../format/money';
import { ReportCard } from './report-card';

type Figures = Outputs['reports']['summary']['figures'];

function Line({ label, value, strong, hint, testId }: { label: string; value: string; strong?: boolean; hint?: string; testId?: string }) {
  return (
    <Group justify="space-between" wrap="nowrap" gap="sm" py={2}>
      <Stack gap={0} style={{ minWidth: 0 }}>
        <Text fw={strong ? 700 : 400}>{label}</Text>
        {hint && (
          <Text size="xs" c="ink.6">
            {hint}
          </Text>
        )}
      </Stack>
      <Text fw={strong ? 800 : 600} className="money" data-testid={testId} style={{ flexShrink: 0 }}>
        {value}
      </Text>
    </Group>
  );
}

/**
 * The takings as an accountant reads them (packages/shared report-figures.ts): gross at shelf prices with its
 * tax basis stated, discounts, net before tax, tax, total paid; refunds beside them, never inside.
 */
export function FiguresCard({ title, figures, currency, testId }: { title: string; figures: Figures; currency: string; testId: string }) {
  const s = figures.sales;
  const m = (c: number) => money(c, currency);
  const off = (c: number) => (c ? minus(c, currency) : m(0));
  return (
    <ReportCard title={title} note={`${s.count} sale${s.count === 1 ? '' : 's'}`} testId={testId}>
      <Line label={grossLabel(s.grossBasis)} hint="shelf prices before discounts" value={m(s.grossCents)} testId={`${testId}-gross`} />
      <Line label={FIGURE_LABELS.discounts} value={off(s.discountCents)} />
      <Line label={FIGURE_LABELS.net} value={m(s.netCents)} strong testId={`${testId}-net`} />
      <Line label={FIGURE_LABELS.tax} value={m(s.taxCents)} testId={`${testId}-tax`} />
      {s.deliveryFeeCents !== 0 && <Line label={FIGURE_LABELS.delivery} value={m(s.deliveryFeeCents)} />}
      <Line label={s.deliveryFeeCents ? FIGURE_LABELS.totalWithDelivery : FIGURE_LABELS.total} value={m(s.totalCents)} strong testId={`${testId}-total`} />
      {s.roundingCents !== 0 && <Line label={FIGURE_LABELS.rounding} hint="cash payments only" value={s.roundingCents > 0 ? `+${m(s.roundingCents)}` : minus(s.roundingCents, currency)} />}
      <Line label={`Refunds (${figures.refunds.count})`} value={off(figures.refunds.totalCents)} />
      <Line label={FIGURE_LABELS.afterRefunds} value={m(figures.afterRefundsCents)} strong testId={`${testId}-after-refunds`} />
    </ReportCard>
  );
}
