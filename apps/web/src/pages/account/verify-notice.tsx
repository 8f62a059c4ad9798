import { Alert, Button, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { failureOf, useTRPCClient } from '../../app/api';

/**
 * Shown to a signed-in customer whose email is not confirmed yet: the server lists only the orders placed in
 * this session until then (apps/server/src/services/orders/customer-scope.ts).
 */
export function VerifyNotice({ email }: { email: string }) {
  const client = useTRPCClient();
  const [state, setState] = useState<'idle' | 'busy' | 'sent'>('idle');
  const [error, setError] = useState<string | null>(null);

  async function resend() {
    setError(null);
    setState('busy');
    try {
      await client.auth.resendVerification.mutate({ email });
      setState('sent');
    } catch (err) {
      setError(failureOf(err).message);
      setState('idle');
    }
  }

  return (
    <Alert color="yellow" variant="light" title="Verify your email to see all your orders">
      <Stack gap="xs">
        <Text size="sm">
          Until you confirm {email}, this list shows only the orders you placed since signing in on this device. Open the link we emailed you
          when you signed up.
        </Text>
        {state === 'sent' ? (
          <Text size="sm" role="status">
            Sent. Check {email} for a new confirmation link (it works for 24 hours).
          </Text>
        ) : (
          <Button variant="default" size="sm" w="fit-content" loading={state === 'busy'} onClick={() => void resend()}>
            Resend the confirmation email
          </Button>
        )}
        {error && (
          <Text size="sm" c="red" role="alert">
            {error}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
