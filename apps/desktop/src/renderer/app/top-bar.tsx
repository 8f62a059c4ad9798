import { Badge, Box, Group, Kbd, Text, UnstyledButton } from '@mantine/core';
import { IconBuildingStore, IconBuildingWarehouse, IconCash, IconMessage, IconReceipt, IconShoppingCart, IconWorld } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTRPC } from '../api/trpc';
import type { DeviceStatus } from '../api/types';
import { clockTime } from '../format/time';
import { useNow } from '../hooks/use-now';
import type { Page } from './nav';

export const PAGES: { page: Page; label: string; key: string; icon: ReactNode }[] = [
  { page: 'register', label: 'Register', key: 'F1', icon: <IconShoppingCart size={22} /> },
  { page: 'orders', label: 'Orders', key: 'F2', icon: <IconReceipt size={22} /> },
  { page: 'online', label: 'Online orders', key: 'F3', icon: <IconWorld size={22} /> },
  { page: 'shift', label: 'Shift', key: 'F4', icon: <IconCash size={22} /> },
  { page: 'backOffice', label: 'Back office', key: 'F5', icon: <IconBuildingWarehouse size={22} /> },
];

function NavButton({ active, label, hotkey, icon, badge, messages, onClick }: { active: boolean; label: string; hotkey: string; icon: ReactNode; badge?: number; messages?: number; onClick: () => void }) {
  return (
    <UnstyledButton
      onClick={onClick}
      aria-current={active ? 'page' : undefined}
      px={12}
      h={48}
      style={{
        display: 'flex',
        alignItems: 'center',
        gap: 8,
        flexShrink: 0,
        borderRadius: 'var(--mantine-radius-md)',
        background: active ? 'rgba(255,255,255,0.16)' : 'transparent',
        color: 'white',
        fontWeight: 600,
      }}
    >
      <span className="nav-icon">
        {icon}
      </span>
      <span style={{ whiteSpace: 'nowrap' }}>{label}</span>
      {badge ? (
        <Badge color="orange" variant="filled" size="lg" circle data-testid="online-orders-badge">
          {badge}
        </Badge>
      ) : null}
      {messages ? (
        <Badge color="blue" variant="filled" size="lg" leftSection={<IconMessage size={14} />} data-testid="online-messages-badge" aria-label={`${messages} unread customer messages`}>
          {messages}
        </Badge>
      ) : null}
      <Kbd size="xs">{hotkey}</Kbd>
    </UnstyledButton>
  );
}

/** Where the staff member is, and the way to every other screen (F1–F5 from the keyboard). */
export function TopBar({ page, onGo, device }: { page: Page; onGo: (p: Page) => void; device: DeviceStatus }) {
  const trpc = useTRPC();
  const now = useNow(20_000);
  const newOrders = useQuery(trpc.webOrders.list.queryOptions({ status: ['placed'], limit: 50 }));
  const placed = newOrders.data?.length ?? 0;
  const unread = useQuery(trpc.messages.unread.queryOptions()).data?.total ?? 0;
  return (
    <Box component="header" px="md" h={64} style={{ display: 'flex', alignItems: 'center', gap: 16, background: 'var(--mantine-color-ink-9)', color: 'white' }}>
      <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
        <IconBuildingStore size={28} stroke={1.6} color="var(--mantine-color-brand-3)" />
        <Box style={{ minWidth: 0 }}>
          <Text fw={700} lh={1.1} truncate maw={180} data-testid="shop-name">
            {device.shop?.name ?? 'Makeries Counter'}
          </Text>
          <Text size="xs" c="ink.3" lh={1.2}>
            Register {device.registerCode}
          </Text>
        </Box>
      </Group>
      <Group component="nav" gap={4} wrap="nowrap" style={{ flex: 1, minWidth: 0 }} aria-label="Screens">
        {PAGES.map((p) => (
          <NavButton
            key={p.page}
            active={page === p.page}
            label={p.label}
            hotkey={p.key}
            icon={p.icon}
            badge={p.page === 'online' ? placed : undefined}
            messages={p.page === 'online' ? unread : undefined}
            onClick={() => onGo(p.page)}
          />
        ))}
      </Group>
      <Text fw={600} size="lg" className="tabular" c="ink.1" style={{ flexShrink: 0 }}>
        {clockTime(new Date(now).toISOString())}
      </Text>
    </Box>
  );
}
