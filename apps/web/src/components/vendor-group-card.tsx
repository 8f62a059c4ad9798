import { Alert, Anchor, Card, Divider, Group, Progress, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { VendorGroupView } from '../lib/cart/view';
import { money } from '../lib/format';
import { OpenBadge } from './open-badge';
import { TotalsTable } from './totals-table';

/** One shop's part of the cart: its state, problems, minimum order progress, lines and totals. */
export function VendorGroupCard({ group, extraProblems = [], picker, children }: { group: VendorGroupView; extraProblems?: string[]; picker?: ReactNode; children: ReactNode }) {
  const problems = [...group.problems, ...extraProblems.filter((p) => !group.problems.includes(p))];
  return (
    <Card padding="md" data-testid="vendor-group" data-vendor={group.vendorId}>
      <Stack gap="md">
        <Group justify="space-between" align="center" gap="xs">
          <Anchor component={Link} to={`/v/${group.vendorSlug}`} fw={750} size="lg" c="dark">
            {group.vendorName}
          </Anchor>
          {group.vendor && <OpenBadge v={group.vendor} size="sm" />}
        </Group>
        {problems.map((p) => (
          <Alert key={p} color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} p="xs" role="alert" data-testid="vendor-error">
            <Text size="sm">{p}</Text>
          </Alert>
        ))}
        {picker}
        <Divider />
        <Stack gap="md">{children}</Stack>
        {group.minimumCents > 0 && group.shortOfMinimumCents > 0 && (
          <Stack gap={4}>
            <Text size="sm" c="orange.9" fw={600} data-testid="minimum-note">
              Add {money(group.shortOfMinimumCents, group.currency)} more to reach the {money(group.minimumCents, group.currency)} minimum order.
            </Text>
            <Progress value={(100 * group.goodsCents) / group.minimumCents} color="orange" size="sm" aria-label="Progress to the minimum order" />
          </Stack>
        )}
        <Divider />
        <TotalsTable totals={group.totals} />
      </Stack>
    </Card>
  );
}
