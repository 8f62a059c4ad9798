import { Button, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { isRouteErrorResponse, Link, useLocation, useNavigate, useRouteError } from 'react-router';
import { failureOf } from '../../app/api';
import type { NotFoundData } from '../../app/loader-kit';
import { signInPath } from './admin-loaders';

/**
 * Inside the console's frame (nav stays): a 404 with its own words, or a calm message for anything else. A page
 * refused because the session ended (expired, signed out elsewhere, account disabled) goes to sign-in instead.
 */
export function AdminPageError() {
  const error = useRouteError();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { pathname, search } = useLocation();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const ended = !isRouteErrorResponse(error) && failureOf(error).appCode === 'UNAUTHENTICATED';
  useEffect(() => {
    if (!ended) return;
    queryClient.clear();
    void navigate(signInPath(pathname + search, true), { replace: true });
  }, [ended, navigate, pathname, queryClient, search]);
  if (ended) return null;
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
