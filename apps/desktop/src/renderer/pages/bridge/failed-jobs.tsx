import { Alert, Button, Table, Text } from '@mantine/core';
import { IconRotateClockwise } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { errorMessage } from '../../api/errors';
import { useTRPC } from '../../api/trpc';
import { dayAndTime } from '../../format/time';
import { plural } from './bridge-words';
import { PagedCard } from './paged-card';
import { useApplyView } from './use-bridge';

const PAGE = 20;

/** Work that gave up after its retries (a push, a catalog page): what it was for, why it failed, and Retry. */
export function FailedJobs() {
  const trpc = useTRPC();
  const applyView = useApplyView();
  const pages = useInfiniteQuery(trpc.bridges.failedJobs.infiniteQueryOptions({ limit: PAGE }, { getNextPageParam: (last) => last.nextCursor, retry: false }));
  const retry = useMutation(trpc.bridges.retryJob.mutationOptions({ onSuccess: applyView }));
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <PagedCard
      title="Failed work"
      testId="bridge-failed-jobs"
      pages={pages}
      count={items.length}
      empty={
        <Text c="ink.7" data-testid="bridge-no-failed-jobs">
          Nothing has failed. Work that fails after its retries shows here, with a way to try it again.
        </Text>
      }
      footer={
        retry.isError && (
          <Alert color="red" role="alert" mt="sm">
            {errorMessage(retry.error)}
          </Alert>
        )
      }
    >
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>What</Table.Th>
              <Table.Th>Why it failed</Table.Th>
              <Table.Th>When</Table.Th>
              <Table.Th aria-label="Retry" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((j) => (
              <Table.Tr key={j.id} data-testid="bridge-failed-job">
                <Table.Td fw={600}>{j.what}</Table.Td>
                <Table.Td c="red.8">{j.error}</Table.Td>
                <Table.Td c="ink.7" style={{ whiteSpace: 'nowrap' }}>
                  {dayAndTime(j.at)} · {plural(j.attempts, 'try', 'tries')}
                </Table.Td>
                <Table.Td ta="right">
                  <Button
                    size="md"
                    variant="light"
                    leftSection={<IconRotateClockwise size={18} />}
                    loading={retry.isPending && retry.variables.jobId === j.id}
                    onClick={() => retry.mutate({ jobId: j.id })}
                  >
                    Retry
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </PagedCard>
  );
}
