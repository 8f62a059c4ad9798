import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { currencySymbol, type PromoView } from '@makeries/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { failureOf, useTRPC } from '../../../app/api';
import { money } from '../../../lib/format';
import { market } from '../../../lib/market';
import { consoleDate } from '../content/format';
import { CreatePromoForm, type PromoDraft } from './create-promo-form';
import { FIRST_PAGE } from './loader';
import { promoSummary } from './promo-label';

/** Marketplace promo codes: the list with uses and over-limit counter sales, a new code, deactivating one. */
export function PromosPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const currency = market().currency;
  const [pages, setPages] = useState(1);
  const list = useQuery(trpc.admin.promos.list.queryOptions({ ...FIRST_PAGE, limit: FIRST_PAGE.limit * pages }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.admin.promos.list.pathKey() });
  const create = useMutation(trpc.admin.promos.create.mutationOptions({ onSuccess: refresh }));
  const update = useMutation(trpc.admin.promos.update.mutationOptions({ onSuccess: refresh }));
  const items = list.data?.items ?? [];

  return (
    <Stack gap="lg" maw={960} mx="auto" w="100%">
      <div>
        <Title order={1} size="h2">
          Promotions
        </Title>
        <Text c="dimmed" size="sm">
          Marketplace codes, valid at every shop and paid from the platform fee. Every change is in the audit log.
        </Text>
      </div>
      <Card padding="lg">
        <Title order={2} size="h4" mb="sm">
          New code
        </Title>
        <CreatePromoForm
          currencySymbol={currencySymbol(currency)}
          busy={create.isPending}
          error={create.error ? failureOf(create.error).message : null}
          onCreate={(input: PromoDraft) => create.mutate(input)}
        />
      </Card>
      {list.isError && (
        <Text c="red.8" role="alert">
          {failureOf(list.error).message || 'Could not load the codes.'}
        </Text>
      )}
      {items.length === 0 && !list.isPending ? (
        <Card padding="xl">
          <Text ta="center" c="dimmed">
            No marketplace codes yet.
          </Text>
        </Card>
      ) : (
        <Stack gap="sm" data-testid="promo-list">
          {items.map((p) => (
            <PromoRow key={p.id} promo={p} currency={currency} busy={update.isPending} onDeactivate={() => update.mutate({ promoId: p.id, active: false })} />
          ))}
        </Stack>
      )}
      {list.data?.nextCursor && (
        <Button variant="default" onClick={() => setPages((n) => n + 1)} loading={list.isFetching}>
          Show more
        </Button>
      )}
    </Stack>
  );
}

function PromoRow({ promo: p, currency, busy, onDeactivate }: { promo: PromoView; currency: string; busy: boolean; onDeactivate: () => void }) {
  return (
    <Card padding="md" data-testid="promo-row">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap="xs">
            <Text fw={750}>{p.code}</Text>
            <Badge color={p.active ? 'green' : 'gray'} variant="light">
              {p.active ? 'Active' : 'Inactive'}
            </Badge>
            {p.overLimitUses > 0 && (
              <Badge color="orange" variant="light">
                {p.overLimitUses} over the limit
              </Badge>
            )}
          </Group>
          <Text size="sm">{promoSummary(p, currency)}</Text>
          {p.description && (
            <Text size="sm" c="dimmed">
              {p.description}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            Used {p.uses} {p.uses === 1 ? 'time' : 'times'} · {money(p.discountCents, currency)} given
            {p.shopIds.length > 0 ? ` · ${p.shopIds.length} ${p.shopIds.length === 1 ? 'shop' : 'shops'}` : ' · every shop'}
            {p.endsAt ? ` · ends ${consoleDate(p.endsAt)}` : ''}
          </Text>
        </Stack>
        {p.active && (
          <Button variant="light" color="red" size="xs" onClick={onDeactivate} loading={busy} aria-label={`Deactivate ${p.code}`}>
            Deactivate
          </Button>
        )}
      </Group>
    </Card>
  );
}
