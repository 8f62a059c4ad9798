import { Button, Stack, Text, Title } from '@mantine/core';
import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import type { NotFoundData } from './loader-kit';

/** Inside the page frame (header stays): a 404 with its own words, or a calm message for anything else. */
export function PageError() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const data = notFound ? (error.data as Partial<NotFoundData> | undefined) : undefined;
  return (
    <Stack align="center" ta="center" py={64} gap="md" maw={520} mx="auto">
      <Title order={1} size="h2">
        {notFound ? (data?.heading ?? 'Page not found') : 'Something went wrong'}
      </Title>
      <Text c="dimmed">
        {notFound
          ? (data?.message ?? 'That page does not exist. It may have moved, or the link may be mistyped.')
          : 'We could not load this page. Please try again in a moment.'}
      </Text>
      <Button component={Link} to="/">
        Back to the shops
      </Button>
    </Stack>
  );
}
