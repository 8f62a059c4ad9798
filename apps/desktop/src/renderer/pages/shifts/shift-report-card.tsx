import { Box, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { FIGURE_LABELS, grossLabel, tenderLabel } from '@makeries/shared';
import type { ShiftReport } from '../../api/types';
import { minus, money } from '../../format/money';
import { dayAndTime } from '../../format/time';

function Row({ label, value, strong, testId }: { label: string; value: string; strong?: boolean; testId?: string }) {
  return (
    <Group justify="space-between" py={3}>
      <Text c={strong ? undefined : 'ink.8'} fw={strong ? 700 : 400}>
        {label}
      </Text>
      <Text fw={strong ? 800 : 600} className="money" data-testid={testId}>
        {value}
      </Text>
    </Group>
  );
}

/** The shared figures (report-figures.ts): gross − discounts (− tax inside shelf prices) = net; net + tax = total. */
function SalesFiguresRows({ report, currency }: { report: ShiftReport; currency: string }) {
  const m = (c: number) => money(c, currency);
  const s = report.sales;
  return (
    <>
      <Text c="ink.7" size="sm">
        {s.count} sale{s.count === 1 ? '' : 's'}
      </Text>
      <Row label={grossLabel(s.grossBasis)} value={m(s.grossCents)} testId="shift-gross" />
      <Row label={FIGURE_LABELS.discounts} value={s.discountCents ? minus(s.discountCents, currency) : '—'} />
      <Row label={FIGURE_LABELS.net} value={m(s.netCents)} testId="shift-net" />
      <Row label={FIGURE_LABELS.tax} value={m(s.taxCents)} testId="shift-tax" />
      <Row label={FIGURE_LABELS.total} value={m(s.totalCents)} strong testId="shift-total" />
      {s.roundingCents !== 0 && <Row label={FIGURE_LABELS.rounding} value={s.roundingCents > 0 ? `+${m(s.roundingCents)}` : minus(s.roundingCents, currency)} />}
      <Row
        label={`${report.refunds.count} refund${report.refunds.count === 1 ? '' : 's'}`}
        value={report.refunds.totalCents ? minus(report.refunds.totalCents, currency) : '—'}
      />
      <Row label={FIGURE_LABELS.afterRefunds} value={m(report.afterRefundsCents)} />
    </>
  );
}

/** X report (so far) or Z report (closed, with the count): sales, tenders, refunds and the cash drawer. */
export function ShiftReportCard({ report, currency, staffName }: { report: ShiftReport; currency: string; staffName: (id: string) => string }) {
  const m = (c: number) => money(c, currency);
  const counted = report.counted;
  const over = counted?.overShortCents ?? 0;
  return (
    <SimpleGrid cols={2} spacing="md">
      <Card withBorder radius="lg" p="lg">
        <Text fw={700} size="lg" mb="xs">
          Sales
        </Text>
        <SalesFiguresRows report={report} currency={currency} />
        <Text fw={700} mt="md" mb={4}>
          By tender
        </Text>
        {report.tenders.length === 0 && report.cash !== null && <Text c="ink.7">No payments yet.</Text>}
        {report.tenders.map((t) => (
          <Row key={t.kind} label={`${tenderLabel(t.kind as 'cash')} (${t.count})`} value={m(t.amountCents)} />
        ))}
        {/* blind close: cash takings would give the expected drawer away */}
        {report.cash === null && <Row label="Cash" value="after the count" />}
        <Text size="sm" c="ink.7" mt="md">
          Opened {dayAndTime(report.openedAt)} by {staffName(report.openedBy)}
          {report.closedAt ? ` · closed ${dayAndTime(report.closedAt)}${report.closedBy ? ` by ${staffName(report.closedBy)}` : ''}` : ''}
          {report.noSaleCount ? ` · ${report.noSaleCount} no-sale drawer open${report.noSaleCount === 1 ? '' : 's'}` : ''}
        </Text>
      </Card>
      <Card withBorder radius="lg" p="lg">
        <Text fw={700} size="lg" mb="xs">
          Cash drawer
        </Text>
        {report.cash ? (
          <>
            <Row label="Float" value={m(report.cash.floatCents)} />
            <Row label="Cash sales" value={m(report.cash.salesCents)} />
            <Row label="Cash refunds" value={report.cash.refundsCents ? minus(report.cash.refundsCents, currency) : '—'} />
            <Row label="Paid in" value={report.cash.paidInCents ? m(report.cash.paidInCents) : '—'} />
            <Row label="Paid out" value={report.cash.paidOutCents ? minus(report.cash.paidOutCents, currency) : '—'} />
            <Box mt="xs" pt="xs" style={{ borderTop: '1px solid var(--mantine-color-ink-2)' }}>
              <Row label="Expected in drawer" value={m(report.cash.expectedCents)} strong testId="expected-cash" />
            </Box>
          </>
        ) : (
          <Text c="ink.7" data-testid="expected-cash-hidden">
            Blind close is on: the cash figures stay hidden until the drawer is counted at close.
          </Text>
        )}
        {counted && (
          <Stack gap={0} mt="sm">
            <Row label="Counted" value={m(counted.countedCents)} strong />
            <Group justify="space-between" mt="xs" p="sm" style={{ borderRadius: 10, background: over === 0 ? 'var(--mantine-color-green-0)' : 'var(--mantine-color-orange-0)' }}>
              <Text fw={700}>{over === 0 ? 'Drawer balances' : over > 0 ? 'Over' : 'Short'}</Text>
              <Text fz={28} fw={800} className="money" c={over === 0 ? 'green.9' : 'orange.9'} data-testid="over-short">
                {over === 0 ? m(0) : over > 0 ? `+${m(over)}` : minus(over, currency)}
              </Text>
            </Group>
          </Stack>
        )}
      </Card>
    </SimpleGrid>
  );
}
