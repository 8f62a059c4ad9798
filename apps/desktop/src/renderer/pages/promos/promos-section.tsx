import { Alert, Badge, Box, Button, Card, Center, Group, Loader, ScrollArea, Stack, Text, Title } from '@mantine/core';
import type { PromoView } from '@makeries/shared';
import { IconCloudOff } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiError } from '../../api/errors';
import { useTRPC } from '../../api/trpc';
import { money } from '../../format/money';
import { useCurrency } from '../../hooks/use-currency';
import { PromoForm } from './promo-form';

/** "10% off · over £15.00 · first order · 1 per customer" */
function summary(p: PromoView, currency: string): string {
  const parts = [p.discount.kind === 'percent' ? `${p.discount.bps / 100}% off` : `${money(p.discount.amountCents, currency)} off`];
  if (p.minBasketCents > 0) parts.push(`over ${money(p.minBasketCents, currency)}`);
  if (p.firstOrderOnly) parts.push('first order');
  if (p.perCustomerLimit !== null) parts.push(`${p.perCustomerLimit} per customer`);
  if (p.totalLimit !== null) parts.push(`${p.totalLimit} in all`);
  return parts.join(' · ');
}

/**
 * Back office → Promo codes (managers and owners): the shop's own codes with how often they were used (web and
 * till) and counter sales that went over a limit while offline; create and deactivate. Lives on the marketplace.
 */
export function PromosSection() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const currency = useCurrency();
  const list = useQuery(trpc.promos.list.queryOptions({ limit: 50 }, { retry: false }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.promos.list.queryKey() });
  const create = useMutation(trpc.promos.create.mutationOptions({ onSuccess: refresh }));
  const update = useMutation(trpc.promos.update.mutationOptions({ onSuccess: refresh }));
  const failure = list.isError ? apiError(list.error) : null;
  const offline = failure?.details.offline === true || failure?.code === 'NETWORK';

  return (
    <Box style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}>
      <Box px="lg" py="md" style={{ background: 'white', borderBottom: '1px solid var(--mantine-color-ink-2)' }}>
        <Title order={2}>Promo codes</Title>
        <Text c="ink.7" size="sm">
          Codes your customers type on the web shop or tell you at the till. The shop pays for them.
        </Text>
      </Box>
      <ScrollArea style={{ flex: 1, minHeight: 0 }}>
        <Stack p="lg" gap="md">
          <Card withBorder padding="md">
            <PromoForm busy={create.isPending} error={create.error ? apiError(create.error).message : null} onCreate={(d) => create.mutate(d)} />
          </Card>
          {list.isPending && (
            <Center py={40}>
              <Loader />
            </Center>
          )}
          {failure &&
            (offline ? (
              <Alert color="gray" icon={<IconCloudOff />} title="Needs the connection" data-testid="promos-offline">
                Promo codes are kept on the marketplace. The till still accepts the codes it has synced.
              </Alert>
            ) : (
              <Alert color="red" title="Could not load the promo codes" role="alert">
                {failure.message}
              </Alert>
            ))}
          {list.data?.items.length === 0 && <Text c="ink.7">No promo codes yet.</Text>}
          {list.data?.items.map((p) => (
            <Card key={p.id} withBorder padding="md" data-testid="promo-row">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={2} style={{ minWidth: 0 }}>
                  <Group gap="xs">
                    <Text fw={750} size="lg">
                      {p.code}
                    </Text>
                    <Badge color={p.active ? 'green' : 'gray'} variant="light">
                      {p.active ? 'Active' : 'Inactive'}
                    </Badge>
                    {p.overLimitUses > 0 && (
                      <Badge color="orange" variant="light">
                        {p.overLimitUses} over the limit at the till
                      </Badge>
                    )}
                  </Group>
                  <Text>{summary(p, currency)}</Text>
                  <Text size="sm" c="ink.7">
                    Used {p.uses} {p.uses === 1 ? 'time' : 'times'} · {money(p.discountCents, currency)} off in all{p.description ? ` · ${p.description}` : ''}
                  </Text>
                </Stack>
                {p.active && (
                  <Button size="md" variant="light" color="red" loading={update.isPending} onClick={() => update.mutate({ promoId: p.id, active: false })}>
                    Deactivate
                  </Button>
                )}
              </Group>
            </Card>
          ))}
        </Stack>
      </ScrollArea>
    </Box>
  );
}
