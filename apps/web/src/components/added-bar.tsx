import { ActionIcon, Button, Group, Paper, Text } from '@mantine/core';
import { IconCircleCheck, IconX } from '@tabler/icons-react';
import { Link } from 'react-router';

/**
 * "Added to your cart", pinned to the bottom of the screen where the thumb is (on a phone the add button is often
 * low on the page and an inline message would land below the fold), with the way to the cart beside it.
 */
export function AddedBar({ what, onClose }: { what: string; onClose: () => void }) {
  return (
    <Paper className="mk-added-bar" shadow="lg" radius="lg" p="sm" withBorder role="status" aria-live="polite">
      <Group gap="sm" wrap="nowrap" align="center">
        <IconCircleCheck size={26} color="var(--mantine-color-brand-8)" aria-hidden className="mk-hide-xs" style={{ flex: 'none' }} />
        <div style={{ flex: 1, minWidth: 0 }}>
          <Text fw={700} size="sm">
            Added to your cart
          </Text>
          <Text size="sm" lineClamp={2} lh={1.3}>
            {what}
          </Text>
        </div>
        <Button component={Link} to="/cart" size="sm" style={{ flex: 'none' }}>
          View cart
        </Button>
        <ActionIcon variant="subtle" color="dark" size={40} radius="xl" onClick={onClose} aria-label="Keep shopping" style={{ flex: 'none' }}>
          <IconX size={20} aria-hidden />
        </ActionIcon>
      </Group>
    </Paper>
  );
}
