import { Button, Group, Text } from '@mantine/core';
import { loyaltyProgress, LOYALTY_QR_PREFIX } from '@makeries/shared';
import { IconGift, IconX } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { apiError } from '../../api/errors';
import { useTRPC, useTRPCClient } from '../../api/trpc';
import { minus } from '../../format/money';

/** A loyalty card's QR code as a keyboard-wedge 2D scanner types it (the account page shows it). */
export const isLoyaltyCode = (code: string): boolean => code.startsWith(LOYALTY_QR_PREFIX);

/**
 * The attached customer's card under the customer line: balance (the server's, or offline the last synced plus
 * this till's own sales), what this sale earns, and redeeming on it. Hidden without a customer or a programme.
 */
export function LoyaltyStrip({ cartId, customerId, totalCents, currency }: { cartId: string | null; customerId: string | null; totalCents: number; currency: string }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const current = useQuery(trpc.loyalty.current.queryOptions(undefined, { enabled: cartId !== null && customerId !== null }));
  const { refetch } = current;
  useEffect(() => {
    if (cartId && customerId) void refetch();
  }, [cartId, customerId, totalCents, refetch]);
  // a newly attached customer: check the card online once (offline keeps the last synced balance)
  useEffect(() => {
    setError(null);
    if (!customerId) return;
    client.loyalty.refresh
      .mutate()
      .then(() => refetch())
      .catch(() => undefined);
  }, [customerId, client, refetch]);

  const data = cartId && customerId ? current.data : null;
  const card = data?.card;
  if (!card || card.programme.kind === 'off') return null;

  const act = async (call: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await call();
      await Promise.all([qc.invalidateQueries(trpc.cart.current.queryFilter()), qc.invalidateQueries(trpc.loyalty.pathFilter())]);
    } catch (e) {
      setError(apiError(e).message);
    } finally {
      setBusy(false);
    }
  };
  const unit = card.programme.kind === 'stamps' ? 'stamps' : 'points';
  const redemption = data.redemption;
  return (
    <Group px="md" py={6} gap={8} wrap="nowrap" justify="space-between" style={{ flexShrink: 0, borderTop: '1px solid var(--mantine-color-ink-1)' }} data-testid="cart-loyalty">
      <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
        <IconGift size={20} color="var(--mantine-color-brand-8)" />
        <div style={{ minWidth: 0 }}>
          <Text size="sm" fw={600} truncate data-testid="loyalty-balance" title={data.online ? undefined : 'Offline: the balance last synced plus this till’s sales since'}>
            {loyaltyProgress(card.programme, card.units, currency)}
            {data.online ? '' : ' · last synced'}
          </Text>
          <Text size="xs" c={error ? 'red.8' : 'ink.7'} truncate role={error ? 'alert' : undefined} data-testid="loyalty-earn">
            {error ?? (redemption ? `Using ${redemption.units} ${unit}: ${minus(redemption.cents, currency)}` : `This sale earns ${data.expectedEarn} ${unit}`)}
          </Text>
        </div>
      </Group>
      {redemption ? (
        <Button size="compact-md" variant="subtle" color="red" leftSection={<IconX size={16} />} loading={busy} onClick={() => void act(() => client.loyalty.removeRedemption.mutate())} style={{ flexShrink: 0 }}>
          Remove
        </Button>
      ) : (
        <Button size="compact-md" variant="light" loading={busy} onClick={() => void act(() => client.loyalty.redeem.mutate({}))} data-testid="loyalty-redeem" style={{ flexShrink: 0 }}>
          {card.programme.kind === 'stamps' ? 'Use reward' : 'Use points'}
        </Button>
      )}
    </Group>
  );
}
