import { Button, Stack, Text, Title } from '@mantine/core';
import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import type { NotFoundData } from '../../app/loader-kit';

/** Inside the console's frame (nav stays): a 404 with its own words, or a calm message for anything else. */
export function AdminPageError() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const data = notFound ? (error.data as Partial<NotFoundData> | undefined) : undefined;
  return (
    <Stack align="center" ta="center" py={64} gap="md" maw={520} mx="auto">
      <Title order={1} size="h2">
        {notFound ? (data?.heading ?? 'Not in the console') : 'Something went wrong'}
      </Title>
      <Text c="dimmed">{notFound ? (data?.message ?? 'This page of the operator console does not exist.') : 'This page could not load. Please try again in a moment.'}</Text>
      <Button component={Link} to="/admin">
        Back to the console
      </Button>
    </Stack>
  );
}
