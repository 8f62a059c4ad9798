import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { errorMessage } from '../../api/errors';
import { useTRPC } from '../../api/trpc';
import { useApplyView } from './use-bridge';

/** Disconnecting asks first: it withdraws the marketplace's access to the point of sale and stops every push. */
export function DisconnectModal({ pos, opened, onClose }: { pos: string; opened: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const applyView = useApplyView();
  const disconnect = useMutation(
    trpc.bridges.disconnect.mutationOptions({
      onSuccess: (view) => {
        applyView(view);
        onClose();
      },
    }),
  );
  return (
    <Modal opened={opened} onClose={onClose} size="lg" title={<Text fw={700} size="xl">Disconnect {pos}?</Text>}>
      <Stack gap="md" data-testid="bridge-disconnect-modal">
        <List spacing="xs">
          <List.Item>The marketplace gives back its access to this shop’s {pos} account.</List.Item>
          <List.Item>
            Sales here and web orders are no longer sent to {pos}, and {pos}’s changes no longer reach this shop.
          </List.Item>
          <List.Item>Products that came from {pos} stay in this shop and can be edited here again.</List.Item>
        </List>
        {disconnect.isError && (
          <Alert color="red" role="alert">
            {errorMessage(disconnect.error)}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button size="md" variant="default" onClick={onClose}>
            Keep the link
          </Button>
          <Button size="md" color="red" loading={disconnect.isPending} onClick={() => disconnect.mutate()} data-testid="bridge-disconnect-confirm">
            Disconnect {pos}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
