import { Alert, Anchor, Button, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTRPC } from '../../../app/api';
import { DisputeCard } from './dispute-card';
import { disputesInputFrom } from './search-params';

/** Card disputes on the marketplace's charges: open ones with the nearest evidence deadline first, or closed ones. */
export function AdminDisputesPage() {
  const trpc = useTRPC();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const input = disputesInputFrom(params);
  const page = useSuspenseQuery(trpc.admin.orders.disputes.queryOptions(input)).data;

  return (
    <Stack gap="md" maw={900} mx="auto">
      <Group justify="space-between" align="baseline">
        <Title order={1} fz={{ base: 24, sm: 30 }}>
          Disputes
        </Title>
        <Anchor component={Link} to="../orders">
          Orders
        </Anchor>
      </Group>
      <SegmentedControl
        value={input.state}
        onChange={(v) => void navigate(v === 'closed' ? '?state=closed' : '?')}
        data={[
          { value: 'open', label: 'Open — evidence due soonest first' },
          { value: 'closed', label: 'Closed' },
        ]}
        aria-label="Which disputes"
      />
      {page.items.length === 0 ? (
        <Alert variant="light" color="gray">
          {input.state === 'open' ? 'No open disputes. Stripe tells us the moment a customer disputes a payment.' : 'No closed disputes yet.'}
        </Alert>
      ) : (
        <Stack gap="sm">
          {page.items.map((d) => (
            <DisputeCard key={d.id} dispute={d} linkOrders />
          ))}
        </Stack>
      )}
      <Group justify="space-between">
        {input.cursor ? (
          <Button variant="subtle" onClick={() => void navigate(input.state === 'closed' ? '?state=closed' : '?')}>
            ← First page
          </Button>
        ) : (
          <span />
        )}
        {page.nextCursor && (
          <Button variant="light" onClick={() => void navigate(`?state=${input.state}&after=${encodeURIComponent(page.nextCursor ?? '')}`)}>
            More →
          </Button>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        Evidence is submitted in the Stripe dashboard; the shop was emailed when each dispute opened.
      </Text>
    </Stack>
  );
}
