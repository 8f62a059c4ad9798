import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { loyaltyProgress, type LoyaltyCard } from '@makeries/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../../app/api';
import { LoyaltyQr } from './loyalty-qr';

const PAGE = 12;

/**
 * The account page's loyalty: the customer's card at each shop ("4 of 8 stamps — 4 more for a free loaf") and
 * the QR code to show at the counter, which puts them on the sale there.
 */
export function LoyaltyCards() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const first = useQuery(trpc.loyalty.mine.queryOptions({ limit: PAGE }));
  const qr = useQuery(trpc.loyalty.myQr.queryOptions(undefined, { staleTime: Infinity }));
  const [extra, setExtra] = useState<LoyaltyCard[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const next = cursor === undefined ? first.data?.nextCursor : cursor;

  async function loadMore(): Promise<void> {
    if (!next) return;
    setLoading(true);
    try {
      const page = await queryClient.query(trpc.loyalty.mine.queryOptions({ limit: PAGE, cursor: next }));
      setExtra((e) => [...e, ...page.items]);
      setCursor(page.nextCursor);
    } finally {
      setLoading(false);
    }
  }

  const cards = [...(first.data?.items ?? []), ...extra];
  return (
    <section aria-labelledby="loyalty-title" data-testid="loyalty-cards">
      <Title id="loyalty-title" order={2} size="h3" mb="sm">
        Loyalty cards
      </Title>
      {first.isError && (
        <Alert color="red" variant="light" role="alert" mb="sm">
          We could not load your loyalty cards. Check your connection and reload the page.
        </Alert>
      )}
      <Stack gap="sm">
        {first.data && cards.length === 0 && <Text c="dimmed">No stamps or points yet. Shops with a loyalty card count your orders here.</Text>}
        {cards.map((c) => (
          <Card key={c.vendorId} padding="md" data-testid="loyalty-card">
            <Text fw={700}>{c.vendorName}</Text>
            <Text>{loyaltyProgress(c.programme, c.units, c.currency)}</Text>
          </Card>
        ))}
        {next && (
          <Group>
            <Button variant="default" loading={loading} onClick={() => void loadMore()}>
              Show more cards
            </Button>
          </Group>
        )}
        {qr.data && (
          <Card padding="md">
            <Group gap="md" wrap="wrap" align="center">
              <LoyaltyQr size={qr.data.size} modules={qr.data.modules} label="Your loyalty QR code" />
              <Stack gap={4} maw={320}>
                <Text fw={700}>Show this at the counter</Text>
                <Text size="sm" c="dimmed">
                  The shop scans it to add your stamps or points to the sale, or to use a reward. It only says who you are; it cannot pay for anything.
                </Text>
              </Stack>
            </Group>
          </Card>
        )}
      </Stack>
    </section>
  );
}
