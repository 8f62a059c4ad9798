import { Button, Group, Text } from '@mantine/core';
import { IconBell, IconBellCheck } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { failureOf, useTRPC } from '../../app/api';
import { useInBrowser } from '../../app/use-in-browser';
import { signInHref } from '../../lib/reviews';

/**
 * "Tell me when it's back" under a sold-out variant. Signed out, a link to sign in that comes back here. Who is
 * signed in and whether they already asked load in the browser after the page (the HTML is the same for everyone).
 */
export function BackInStock({ productId, variantId, name }: { productId: string; variantId: string; name: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const location = useLocation();
  const inBrowser = useInBrowser();
  const me = useQuery({ ...trpc.auth.me.queryOptions(), enabled: inBrowser }).data;
  const signedIn = me?.kind === 'customer';
  const waiting = useQuery({ ...trpc.stockAlerts.forProduct.queryOptions({ productId }), enabled: inBrowser && signedIn });
  const subscribe = useMutation(trpc.stockAlerts.subscribe.mutationOptions());
  const unsubscribe = useMutation(trpc.stockAlerts.unsubscribe.mutationOptions());
  const [error, setError] = useState<string | null>(null);

  if (!inBrowser || me === undefined || (signedIn && waiting.data === undefined)) {
    return (
      <Button variant="light" leftSection={<IconBell size={18} aria-hidden />} disabled aria-busy={!waiting.isError} maw={320}>
        Tell me when it’s back
      </Button>
    );
  }
  if (!signedIn) {
    return (
      <Button component={Link} to={signInHref(location.pathname + location.search)} variant="light" leftSection={<IconBell size={18} aria-hidden />} maw={320}>
        Sign in to hear when it’s back
      </Button>
    );
  }
  const on = waiting.data?.variantIds.includes(variantId) ?? false;

  async function toggle() {
    setError(null);
    try {
      if (on) await unsubscribe.mutateAsync({ variantId });
      else await subscribe.mutateAsync({ variantId });
      await queryClient.invalidateQueries(trpc.stockAlerts.forProduct.queryFilter({ productId }));
    } catch (e) {
      setError(failureOf(e).message || 'Could not save that. Check your connection and try again.');
    }
  }

  return (
    <div>
      {on ? (
        <Group gap="sm" wrap="wrap">
          <Text size="sm" fw={600} c="brand.8" role="status" data-testid="back-in-stock-on">
            <IconBellCheck size={18} aria-hidden style={{ verticalAlign: 'text-bottom', marginRight: 6 }} />
            We’ll tell you when {name} is back.
          </Text>
          <Button variant="subtle" size="compact-sm" color="gray" loading={unsubscribe.isPending} onClick={() => void toggle()} aria-label={`Don’t tell me when ${name} is back`}>
            Don’t tell me
          </Button>
        </Group>
      ) : (
        <Button variant="light" leftSection={<IconBell size={18} aria-hidden />} loading={subscribe.isPending} onClick={() => void toggle()} maw={320}>
          Tell me when it’s back
        </Button>
      )}
      {error && (
        <Text size="sm" c="red.8" mt={6} role="alert">
          {error}
        </Text>
      )}
    </div>
  );
}
