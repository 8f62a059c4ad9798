import { Button, Group, Text } from '@mantine/core';
import { IconTicket, IconX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPC, useTRPCClient } from '../../api/trpc';
import type { CartView } from '../../api/types';
import { minus } from '../../format/money';

/** The promo code on the sale: its saving (taken before loyalty), or why it does not apply yet; and removing it. */
export function PromoStrip({ promo, currency }: { promo: CartView['promo']; currency: string }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!promo) return null;

  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      qc.setQueryData(trpc.cart.current.queryKey(), await client.tillPromo.removeCode.mutate());
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const note = error ?? promo.reason ?? (promo.description || null);
  return (
    <Group px="md" py={6} gap={8} wrap="nowrap" justify="space-between" style={{ flexShrink: 0, borderTop: '1px solid var(--mantine-color-ink-1)' }} data-testid="cart-promo">
      <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
        <IconTicket size={20} color="var(--mantine-color-brand-8)" />
        <div style={{ minWidth: 0 }}>
          <Text size="sm" fw={700}>
            Promo code {promo.code}
          </Text>
          {note && (
            <Text size="xs" c={error || promo.reason ? 'orange.9' : 'ink.7'} fw={promo.reason ? 600 : undefined} truncate title={note}>
              {note}
            </Text>
          )}
        </div>
      </Group>
      <Group gap={4} wrap="nowrap">
        <Text size="sm" fw={700} className="money" data-testid="cart-promo-saving">
          {promo.cents > 0 ? minus(promo.cents, currency) : '—'}
        </Text>
        <Button size="compact-sm" variant="subtle" color="ink" loading={busy} onClick={() => void remove()} aria-label={`Remove the code ${promo.code}`}>
          <IconX size={16} />
        </Button>
      </Group>
    </Group>
  );
}
