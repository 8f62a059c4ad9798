import { Alert, Button, Center, Group, List, Loader, Paper, Stack, Text } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import type { BridgeProviderOffer } from '@makeries/shared';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { errorMessage } from '../../api/errors';
import { useTRPC } from '../../api/trpc';
import { useApplyView } from './use-bridge';

/**
 * A point of sale without a sign-in page for us (Toast): the restaurant adds Makeries in the POS's own integration
 * marketplace, then the owner picks it here. Only restaurants added with this shop's or its owner's email address are
 * listed (one bridged to another shop says why it cannot be used); "Check again" reads the list after adding Makeries.
 */
const PAGE = 20;

export function PartnerClaim({ offer }: { offer: BridgeProviderOffer }) {
  const trpc = useTRPC();
  const applyView = useApplyView();
  const accounts = useInfiniteQuery(trpc.bridges.partnerAccounts.infiniteQueryOptions({ provider: offer.provider, limit: PAGE }, { getNextPageParam: (last) => last.nextCursor, retry: false }));
  const claim = useMutation(trpc.bridges.claimAccount.mutationOptions({ onSuccess: applyView }));
  const list = accounts.data?.pages.flatMap((p) => p.items) ?? [];
  const what = offer.provider === 'toast' ? 'restaurant' : 'account';

  return (
    <Stack gap="sm">
      <List type="ordered" size="sm" spacing={4} c="ink.9">
        <List.Item>
          In {offer.name} Web, open Integrations, find Makeries and add it — signed in with the same email address as this shop’s owner.
        </List.Item>
        <List.Item>Back here, press Check again and connect your {what}.</List.Item>
      </List>
      {accounts.isPending && (
        <Center py="xs">
          <Loader size="sm" />
        </Center>
      )}
      {accounts.isError && (
        <Alert color="red" role="alert">
          {errorMessage(accounts.error)}
        </Alert>
      )}
      {accounts.isSuccess && list.length === 0 && (
        <Text size="sm" c="ink.7" data-testid="bridge-accounts-empty">
          No {what} has added Makeries with this shop’s or its owner’s email address yet.
        </Text>
      )}
      {list.map((a) => (
        <Paper key={a.id} withBorder radius="md" p="sm" bg={a.usable ? undefined : 'ink.0'} data-testid={`bridge-account-${a.id}`}>
          <Stack gap={6} align="flex-start">
            <Stack gap={0} maw="100%">
              <Text fw={700} c={a.usable ? 'ink.9' : 'ink.7'}>
                {a.name}
              </Text>
              {a.addedBy && (
                <Text size="xs" c="ink.7" style={{ overflowWrap: 'break-word' }} maw="100%">
                  Added by {a.addedBy}
                </Text>
              )}
            </Stack>
            {a.why && (
              <Text size="sm" c="red.8">
                {a.why}
              </Text>
            )}
            {a.usable && (
              <Button
                size="md"
                loading={claim.isPending && claim.variables.accountId === a.id}
                disabled={claim.isPending && claim.variables.accountId !== a.id}
                onClick={() => claim.mutate({ provider: offer.provider, accountId: a.id })}
                aria-label={`Connect ${a.name}`}
                data-testid="bridge-claim"
              >
                Connect
              </Button>
            )}
          </Stack>
        </Paper>
      ))}
      <Group>
        {accounts.hasNextPage && (
          <Button size="md" variant="default" loading={accounts.isFetchingNextPage} onClick={() => void accounts.fetchNextPage()} data-testid="bridge-accounts-more">
            Show more
          </Button>
        )}
        <Button size="md" variant="default" leftSection={<IconRefresh size={18} />} loading={accounts.isFetching && !accounts.isFetchingNextPage} onClick={() => void accounts.refetch()} data-testid="bridge-accounts-check">
          Check again
        </Button>
      </Group>
      {claim.error && (
        <Alert color="red" role="alert">
          {errorMessage(claim.error)}
        </Alert>
      )}
    </Stack>
  );
}
