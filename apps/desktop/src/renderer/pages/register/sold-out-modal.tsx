import { Button, Group, Kbd, Modal, Stack, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { SoldOutQuestion } from './use-cart';

interface Props {
  question: SoldOutQuestion;
  onSell: () => void;
  onCancel: () => void;
}

/**
 * "0 in stock — sell anyway?": Enter sells, Escape does not. Under the shop's `block` rule while online there is
 * nothing to ask: it says why, and either key closes it.
 */
export function SoldOutModal({ question, onSell, onCancel }: Props) {
  const { signal } = question;
  const canSell = signal.canSellAnyway;
  useHotkeys([['Enter', () => (canSell ? onSell() : onCancel())]], []);
  const title = signal.available === 0 ? '0 in stock — sell anyway?' : `Only ${signal.available} in stock — sell anyway?`;
  return (
    <Modal
      opened
      onClose={onCancel}
      size="md"
      title={
        <Group gap="xs" wrap="nowrap">
          <IconAlertTriangle color="var(--mantine-color-orange-8)" />
          <Text fw={700} size="xl">
            {canSell ? title : `${signal.name} is sold out`}
          </Text>
        </Group>
      }
    >
      <Stack data-testid="sold-out-dialog">
        <Text size="lg">{question.message}</Text>
        {signal.offline && (
          <Text c="ink.7">This counter is offline, so the shop’s “block sold-out items” rule only asks: the customer is already at the till.</Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" size="lg" onClick={onCancel} rightSection={<Kbd>Esc</Kbd>}>
            {canSell ? 'Don’t sell' : 'OK'}
          </Button>
          {canSell && (
            <Button color="orange" size="lg" onClick={onSell} rightSection={<Kbd>Enter</Kbd>} data-autofocus>
              Sell anyway
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
