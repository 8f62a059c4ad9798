import { Card, Checkbox, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { failureOf, useTRPC } from '../../app/api';

/** The opt-in weekly email of new products from the customer's favourite shops. */
export function DigestSetting({ emailVerified }: { emailVerified: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.digest.settings.queryOptions());
  const set = useMutation(trpc.digest.set.mutationOptions());
  const [error, setError] = useState<string | null>(null);

  async function change(weekly: boolean) {
    setError(null);
    try {
      queryClient.setQueryData(trpc.digest.settings.queryKey(), await set.mutateAsync({ weekly }));
    } catch (e) {
      setError(failureOf(e).message || 'Could not save that. Check your connection and try again.');
    }
  }

  return (
    <Card padding="md">
      <Checkbox
        label="Email me once a week about new products from my favourite shops"
        description={emailVerified ? 'Only when there is something new. Every email has a link to stop it.' : 'We start once your email address is confirmed.'}
        checked={settings.data?.weekly ?? false}
        disabled={settings.data === undefined || set.isPending}
        onChange={(e) => void change(e.currentTarget.checked)}
        data-testid="digest-checkbox"
      />
      {error && (
        <Text size="sm" c="red.8" role="alert" mt={6}>
          {error}
        </Text>
      )}
    </Card>
  );
}
