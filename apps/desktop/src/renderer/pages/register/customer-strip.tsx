import { Button, Group, Kbd, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconMail, IconUser, IconUserPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTRPC } from '../../api/trpc';
import { CustomerModal } from './customer-modal';

/** One line above the totals: who the sale is for (F7 to add or change). Fixed height, so the cart never jumps. */
export function CustomerStrip({ disabled, cartId, customerId }: { disabled: boolean; cartId: string | null; customerId: string | null }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const current = useQuery(trpc.customers.current.queryOptions(undefined, { enabled: cartId !== null }));
  useHotkeys([['F7', () => !disabled && setOpen(true)]], []);
  const { refetch } = current;
  // a new sale, or a customer attached from another screen: read it again
  useEffect(() => {
    if (cartId) void refetch();
  }, [cartId, customerId, refetch]);
  const c = cartId ? current.data : null;
  const label = c?.name ?? c?.email ?? null;
  return (
    <Group h={44} px="md" gap={8} wrap="nowrap" justify="space-between" style={{ flexShrink: 0, borderTop: '1px solid var(--mantine-color-ink-1)' }} data-testid="cart-customer">
      <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
        {c?.customerId ? <IconUser size={20} color="var(--mantine-color-brand-8)" /> : c?.email ? <IconMail size={20} color="var(--mantine-color-brand-8)" /> : <IconUser size={20} color="var(--mantine-color-ink-5)" />}
        <Text size="sm" fw={label ? 700 : 500} c={label ? 'ink.9' : 'ink.6'} truncate title={[label, c?.customerId ? c.email : null].filter(Boolean).join(' · ') || undefined}>
          {label ? (c?.customerId ? label : `Receipt to ${label}`) : 'No customer'}
        </Text>
      </Group>
      <Button size="compact-md" variant="subtle" disabled={disabled} leftSection={<IconUserPlus size={16} />} rightSection={<Kbd size="xs">F7</Kbd>} onClick={() => setOpen(true)} style={{ flexShrink: 0 }}>
        {label ? 'Change' : 'Add customer'}
      </Button>
      {open && <CustomerModal current={c ?? null} onClose={() => setOpen(false)} />}
    </Group>
  );
}
