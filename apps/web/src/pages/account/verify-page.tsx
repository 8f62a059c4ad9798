import { Alert, Anchor, Button, Card, Stack, Text, Title } from '@mantine/core';
import { verifyEmailInput } from '@makeries/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { failureOf, useTRPC, useTRPCClient } from '../../app/api';

/**
 * /account/verify?token=…: the link from the sign-up email. Confirming takes a click, not the page load, so a
 * mail scanner that fetches every link cannot use it up; it signs nobody in (see the server's customer-signup.ts).
 */
export function VerifyEmailPage() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const me = useQuery(trpc.auth.me.queryOptions()).data;
  const [state, setState] = useState<'idle' | 'busy' | 'done'>('idle');
  const [message, setMessage] = useState<string | null>(null);

  async function confirm() {
    setMessage(null);
    const parsed = verifyEmailInput.safeParse({ token: params.get('token') ?? '' });
    if (!parsed.success) {
      setMessage(parsed.error.issues[0]?.message ?? 'This confirmation link is not complete.');
      return;
    }
    setState('busy');
    try {
      await client.auth.verifyEmail.mutate(parsed.data);
      await queryClient.invalidateQueries();
      setState('done');
    } catch (err) {
      setMessage(failureOf(err).message);
      setState('idle');
    }
  }

  const signedIn = me?.kind === 'customer';
  return (
    <Stack gap="md" maw={480} mx="auto">
      <Title order={1} fz={{ base: 26, sm: 32 }}>
        {state === 'done' ? 'Email confirmed' : 'Confirm your email'}
      </Title>
      <Card padding="lg">
        {state === 'done' ? (
          <Stack gap="sm">
            <Text role="status">Thank you. You now see all your orders on every device you sign in on.</Text>
            <Button component={Link} to="/account" size="md">
              {signedIn ? 'See your orders' : 'Sign in'}
            </Button>
          </Stack>
        ) : (
          <Stack gap="sm">
            <Text>Confirm that this email address is yours, so your orders follow you to every device you sign in on.</Text>
            {message && (
              <Alert color="red" variant="light" role="alert">
                {message}
              </Alert>
            )}
            <Button size="md" loading={state === 'busy'} onClick={() => void confirm()}>
              Confirm my email
            </Button>
            <Anchor component={Link} to="/account" size="sm">
              Go to your account
            </Anchor>
          </Stack>
        )}
      </Card>
    </Stack>
  );
}
