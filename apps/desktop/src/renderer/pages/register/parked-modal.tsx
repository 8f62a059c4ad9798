import { Button, Card, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '../../api/errors';
import { useTRPC } from '../../api/trpc';
import { money } from '../../format/money';
import { dayAndTime } from '../../format/time';
import type { CartControls } from './use-cart';

/** Parked sales, newest first; resuming one needs an empty register (finish or park the current sale). */
export function ParkedModal({ cart, currency, onClose }: { cart: CartControls; currency: string; onClose: () => void }) {
  const trpc = useTRPC();
  const parked = useQuery(trpc.cart.listParked.queryOptions());
  const resume = async (id: string) => {
    if (await cart.resume(id)) onClose();
  };
  return (
    <Modal opened onClose={onClose} size="lg" title={<Text fw={700} size="xl">Parked sales</Text>}>
      <Stack>
        {parked.isPending && <Loader />}
        {parked.isError && <Text c="red.8">{errorMessage(parked.error)}</Text>}
        {parked.data?.length === 0 && <Text c="ink.7">No sales are parked.</Text>}
        {cart.notice?.kind === 'error' && (
          <Text c="red.8" fw={600} role="alert">
            {cart.notice.text}
          </Text>
        )}
        {parked.data?.map((p) => (
          <Card key={p.id} withBorder radius="md" p="md">
            <Group justify="space-between" wrap="nowrap">
              <Stack gap={2}>
                <Text fw={700} size="lg">
                  {p.label || 'Unnamed sale'}
                </Text>
                <Text c="ink.7" size="sm">
                  {p.lineCount} line{p.lineCount === 1 ? '' : 's'} · parked {dayAndTime(p.parkedAt)}
                </Text>
              </Stack>
              <Group gap="md" wrap="nowrap">
                <Text fw={800} size="xl" className="money">
                  {money(p.totalCents, currency)}
                </Text>
                <Button onClick={() => void resume(p.id)} loading={cart.busy}>
                  Resume
                </Button>
              </Group>
            </Group>
          </Card>
        ))}
      </Stack>
    </Modal>
  );
}
