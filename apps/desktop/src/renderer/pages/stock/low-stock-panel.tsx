import { Alert, Badge, Button, Center, Loader, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconCircleCheck, IconPackageImport } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '../../api/errors';
import { useTRPC } from '../../api/trpc';
import { countedIn, itemTitle, stockLockReason, type StockItem } from './stock-item';

/** What is at or below its low-stock line, most urgent first, with a shortcut to receive it. */
export function LowStockPanel({ onReceive }: { onReceive: (items: StockItem[]) => void }) {
  const trpc = useTRPC();
  const low = useQuery(trpc.inventory.lowStock.queryOptions({ limit: 200 }, { refetchInterval: 60_000 }));
  if (low.isPending) return <Loader m="xl" />;
  if (low.isError) return <Alert color="red" title="Could not load low stock">{errorMessage(low.error)}</Alert>;
  const items: (StockItem & { threshold: number })[] = low.data.map((l) => ({ ...l, soldBy: 'each', trackStock: true }));
  // a bridged item's stock is received in its point of sale
  const receivable = items.filter((i) => !i.posProvider);
  if (items.length === 0) {
    return (
      <Center py={60}>
        <Stack align="center" gap={4}>
          <IconCircleCheck size={52} stroke={1.3} color="var(--mantine-color-green-7)" />
          <Text size="lg" fw={600}>
            Nothing is running low
          </Text>
          <Text c="ink.7">Products appear here when stock falls to the low-stock level set in the catalog.</Text>
        </Stack>
      </Center>
    );
  }
  return (
    <Stack gap="md">
      <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover data-testid="low-stock">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Product</Table.Th>
            <Table.Th ta="right">In stock</Table.Th>
            <Table.Th ta="right">Low at</Table.Th>
            <Table.Th w={170} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((i) => (
            <Table.Tr key={i.variantId} data-testid="low-stock-row">
              <Table.Td>
                <Text fw={600} lh={1.2}>
                  {itemTitle(i)}
                </Text>
                <Text size="sm" c="ink.7">
                  {i.sku}
                </Text>
              </Table.Td>
              <Table.Td ta="right" className="tabular">
                <Badge size="lg" variant="light" color={(i.onHand ?? 0) <= 0 ? 'red' : 'orange'}>
                  {(i.onHand ?? 0) <= 0 ? `${i.onHand ?? 0} · out` : i.onHand}
                </Badge>
              </Table.Td>
              <Table.Td ta="right" className="tabular">
                {i.threshold}
              </Table.Td>
              <Table.Td ta="right">
                {i.posProvider ? (
                  <Tooltip label={stockLockReason(i)} multiline w={320}>
                    <Badge size="lg" color="indigo" variant="light">
                      {countedIn(i.posProvider)}
                    </Badge>
                  </Tooltip>
                ) : (
                  <Button size="md" variant="light" leftSection={<IconPackageImport size={18} />} onClick={() => onReceive([i])}>
                    Receive
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {receivable.length > 0 && (
        <Button variant="default" leftSection={<IconPackageImport />} onClick={() => onReceive(receivable)} style={{ alignSelf: 'flex-end' }}>
          Receive all {receivable.length}
        </Button>
      )}
    </Stack>
  );
}
