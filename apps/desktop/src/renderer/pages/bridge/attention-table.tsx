import { Button, Center, Loader, Table, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { errorMessage } from '../../api/errors';
import { useTRPC } from '../../api/trpc';
import { reasonLabel } from './bridge-words';

const PAGE = 20;

/** The POS's items the preview flagged, with what the import does with each; 20 at a time. */
export function AttentionTable({ pos }: { pos: string }) {
  const trpc = useTRPC();
  const pages = useInfiniteQuery(trpc.bridges.attention.infiniteQueryOptions({ limit: PAGE }, { getNextPageParam: (last) => last.nextCursor, retry: false }));
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];

  if (pages.isPending) {
    return (
      <Center py="md">
        <Loader size="sm" />
      </Center>
    );
  }
  if (pages.isError) return <Text c="red.8">{errorMessage(pages.error)}</Text>;
  return (
    <>
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing="sm" data-testid="bridge-attention">
          <Table.Thead>
            <Table.Tr>
              <Table.Th miw={180}>{pos} item</Table.Th>
              <Table.Th w={170}>Why</Table.Th>
              <Table.Th>What happens</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((a) => (
              <Table.Tr key={`${a.extId}-${a.reason}`}>
                <Table.Td fw={600}>{a.name}</Table.Td>
                <Table.Td>
                  <Text size="sm" fw={700} c="orange.9">
                    {reasonLabel(a.reason)}
                  </Text>
                </Table.Td>
                <Table.Td c="ink.8">{a.detail}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {pages.hasNextPage && (
        <Center>
          <Button size="md" variant="default" loading={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
            Load more
          </Button>
        </Center>
      )}
    </>
  );
}
