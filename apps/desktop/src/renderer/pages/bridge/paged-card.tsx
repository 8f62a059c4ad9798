import { Button, Center, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { errorMessage } from '../../api/errors';

/** What a card needs of a paged (infinite) query. */
interface PagedQuery {
  isPending: boolean;
  isError: boolean;
  isSuccess: boolean;
  error: unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

interface Props {
  title: string;
  testId: string;
  pages: PagedQuery;
  count: number;
  /** shown when the list is empty */
  empty: ReactNode;
  /** the list itself (a table of the loaded items) */
  children: ReactNode;
  /** below the list (an action's error) */
  footer?: ReactNode;
}

/** A titled card over a paged list: loading, its error in words, the empty text, the list and "Load more". */
export function PagedCard({ title, testId, pages, count, empty, children, footer }: Props) {
  return (
    <Paper withBorder radius="lg" p="md" data-testid={testId}>
      <Title order={4} mb="sm">
        {title}
      </Title>
      {pages.isPending && (
        <Center py="md">
          <Loader size="sm" />
        </Center>
      )}
      {pages.isError && <Text c="red.8">{errorMessage(pages.error)}</Text>}
      {pages.isSuccess && count === 0 && empty}
      {count > 0 && (
        <Stack gap="sm">
          {children}
          {pages.hasNextPage && (
            <Group justify="center">
              <Button size="md" variant="default" loading={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
                Load more
              </Button>
            </Group>
          )}
        </Stack>
      )}
      {footer}
    </Paper>
  );
}
