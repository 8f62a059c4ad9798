import { Alert, Anchor, Button, Card, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { Link, useLocation } from 'react-router';
import { failureOf, useTRPC } from '../../app/api';

/**
 * The favourites digest's unsubscribe link: works without signing in (the link's token is signed). It asks for a tap
 * rather than acting on opening, so a mail scanner that follows links does not turn the email off.
 */
export function DigestUnsubscribePage() {
  const trpc = useTRPC();
  const token = new URLSearchParams(useLocation().search).get('t') ?? '';
  const unsubscribe = useMutation(trpc.digest.unsubscribe.mutationOptions());

  return (
    <Stack gap="lg" maw={520} mx="auto">
      <Title order={1} fz={{ base: 26, sm: 32 }}>
        Weekly favourites email
      </Title>
      <Card padding="lg">
        {unsubscribe.isSuccess ? (
          <Stack gap="sm" role="status">
            <Text fw={700}>Done — you won’t get it any more.</Text>
            <Text size="sm">
              Changed your mind? Turn it on again on your{' '}
              <Anchor component={Link} to="/account">
                account page
              </Anchor>
              .
            </Text>
          </Stack>
        ) : (
          <Stack gap="md">
            <Text>Stop the weekly email about new products from your favourite shops?</Text>
            {unsubscribe.isError && (
              <Alert color="red" variant="light" role="alert">
                {failureOf(unsubscribe.error).message}
              </Alert>
            )}
            <Button onClick={() => unsubscribe.mutate({ token })} loading={unsubscribe.isPending} maw={260}>
              Stop the weekly email
            </Button>
          </Stack>
        )}
      </Card>
    </Stack>
  );
}
