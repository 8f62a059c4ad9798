import { Alert, Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Timeline, Title } from '@mantine/core';
import type { AdminShopDetail } from '@makeries/shared';
import { IconArrowLeft } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { failureOf, useTRPC, useTRPCClient } from '../../../app/api';
import { dateTimeLabel } from '../../../lib/format';
import { STATUS_COLOR, STATUS_LABEL } from './list-input';
import { ReasonModal, type ReasonRequest } from '../reason-modal';
import { FeeForm, PermissionsForm } from './shop-forms';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

const yesNo = (b: boolean) => (b ? 'Yes' : 'No');

const ACTION_LABEL: Record<string, string> = {
  'shop.approve': 'Approved',
  'shop.reject': 'Rejected',
  'shop.suspend': 'Suspended',
  'shop.reinstate': 'Reinstated',
  'shop.setFee': 'Fee changed',
  'shop.setPermissions': 'Pickup / delivery permissions changed',
  'shop.holdPayouts': 'Payouts held',
  'shop.releasePayouts': 'Payouts released',
};

/** The buttons a shop's standing allows, each asking for a reason first. */
function StandingActions({ shop, ask }: { shop: AdminShopDetail; ask: (r: ReasonRequest) => void }) {
  const client = useTRPCClient();
  const id = shop.id;
  const approve = (
    <Button
      color="green"
      onClick={() =>
        ask({ title: `Approve ${shop.name}`, effect: 'The shop goes on the storefront at once and the owner is emailed.', confirm: 'Approve', color: 'green', optional: true, run: (reason) => client.admin.shops.approve.mutate({ vendorId: id, ...(reason ? { reason } : {}) }) })
      }
    >
      Approve…
    </Button>
  );
  return (
    <Group gap="xs">
      {shop.status === 'pending' && (
        <>
          {approve}
          <Button color="red" variant="light" onClick={() => ask({ title: `Reject ${shop.name}`, effect: 'The owner is emailed this reason and sees it in the back office.', confirm: 'Reject', color: 'red', run: (reason) => client.admin.shops.reject.mutate({ vendorId: id, reason }) })}>
            Reject…
          </Button>
        </>
      )}
      {shop.status === 'rejected' && approve}
      {shop.status === 'approved' && (
        <Button color="red" onClick={() => ask({ title: `Suspend ${shop.name}`, effect: 'The shop disappears from the storefront and takes no online orders; its counters keep selling and syncing. The owner is emailed this reason.', confirm: 'Suspend', color: 'red', run: (reason) => client.admin.shops.suspend.mutate({ vendorId: id, reason }) })}>
          Suspend…
        </Button>
      )}
      {shop.status === 'suspended' && (
        <Button color="green" onClick={() => ask({ title: `Reinstate ${shop.name}`, effect: 'The shop is back on the storefront at once and the owner is emailed.', confirm: 'Reinstate', color: 'green', run: (reason) => client.admin.shops.reinstate.mutate({ vendorId: id, reason }) })}>
          Reinstate…
        </Button>
      )}
    </Group>
  );
}

function PayoutsCard({ shop, ask }: { shop: AdminShopDetail; ask: (r: ReasonRequest) => void }) {
  const client = useTRPCClient();
  const s = shop.stripe;
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4">
            Stripe Connect
          </Title>
          {s.payoutHold && <Badge color="orange">Payouts on hold</Badge>}
        </Group>
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs">
          <Fact label="Account">{s.accountId ?? 'Not set up'}</Fact>
          <Fact label="Charges enabled">{yesNo(s.chargesEnabled)}</Fact>
          <Fact label="Payouts enabled">{yesNo(s.payoutsEnabled)}</Fact>
        </SimpleGrid>
        {!s.accountId && (
          <Text size="sm" c="dimmed">
            The owner has not started Stripe onboarding: the shop cannot take card payments, and there are no payouts to hold.
          </Text>
        )}
        {s.accountId && (
          <Group>
            {s.payoutHold ? (
              <Button variant="light" onClick={() => ask({ title: 'Release payouts', effect: 'Stripe pays the shop out on its daily schedule again.', confirm: 'Release payouts', run: (reason) => client.admin.shops.releasePayouts.mutate({ vendorId: shop.id, reason }) })}>
                Release payouts…
              </Button>
            ) : (
              <Button color="orange" variant="light" onClick={() => ask({ title: 'Hold payouts', effect: 'The shop keeps taking card payments; Stripe keeps the money in its balance until payouts are released.', confirm: 'Hold payouts', color: 'orange', run: (reason) => client.admin.shops.holdPayouts.mutate({ vendorId: shop.id, reason }) })}>
                Hold payouts…
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </Card>
  );
}

function ShopDetail({ shop }: { shop: AdminShopDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [request, setRequest] = useState<ReasonRequest | null>(null);
  const refresh = async () => {
    await queryClient.invalidateQueries(trpc.admin.shops.pathFilter());
  };
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <Group gap="xs">
            <Title order={1} size="h2">
              {shop.name}
            </Title>
            <Badge color={STATUS_COLOR[shop.status]} size="lg" variant="light" data-testid="shop-status">
              {STATUS_LABEL[shop.status]}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            /v/{shop.slug} · registered {dateTimeLabel(shop.createdAt)}
          </Text>
        </div>
        <StandingActions shop={shop} ask={setRequest} />
      </Group>
      {shop.statusReason && (
        <Alert color={STATUS_COLOR[shop.status]} title={shop.status === 'suspended' ? 'Suspended because' : 'Rejected because'}>
          {shop.statusReason}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Card withBorder padding="md">
          <Stack gap="xs">
            <Title order={2} size="h4">
              Shop
            </Title>
            <Text size="sm">{shop.description || 'No description yet.'}</Text>
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
              <Fact label="Address">{`${shop.addressLine1}, ${shop.city} ${shop.postcode}`}</Fact>
              <Fact label="Contact">{[shop.email, shop.phone].filter(Boolean).join(' · ')}</Fact>
              <Fact label="Owner">{shop.owner ? `${shop.owner.name} (${shop.owner.email})` : 'No owner account'}</Fact>
              <Fact label="Products">{String(shop.products)}</Fact>
              <Fact label="Counters">{`${String(shop.counters.active)} paired${shop.counters.revoked ? `, ${String(shop.counters.revoked)} revoked` : ''}${shop.counters.lastSeenAt ? ` · last sync ${dateTimeLabel(shop.counters.lastSeenAt)}` : ''}`}</Fact>
              <Fact label="POS bridge">{shop.bridge ? `${shop.bridge.provider}: ${shop.bridge.status}${shop.bridge.statusReason ? ` (${shop.bridge.statusReason})` : ''}` : 'None'}</Fact>
              <Fact label="Web orders">{shop.paused ? `Paused by the shop${shop.pausedReason ? `: ${shop.pausedReason}` : ''}` : 'Open'}</Fact>
            </SimpleGrid>
          </Stack>
        </Card>
        <PayoutsCard shop={shop} ask={setRequest} />
        <FeeForm key={`fee-${String(shop.platformFeeBps)}`} shop={shop} ask={setRequest} />
        <PermissionsForm key={`perm-${String(shop.pickupAllowed)}-${String(shop.deliveryAllowed)}`} shop={shop} ask={setRequest} />
      </SimpleGrid>
      <Card withBorder padding="md">
        <Title order={2} size="h4" mb="sm">
          History
        </Title>
        {shop.history.length === 0 ? (
          <Text size="sm" c="dimmed">
            No operator has acted on this shop yet.
          </Text>
        ) : (
          <Timeline bulletSize={14} lineWidth={2} active={shop.history.length}>
            {shop.history.map((h) => (
              <Timeline.Item key={h.seq} title={ACTION_LABEL[h.action] ?? h.action}>
                <Text size="sm">{h.reason || '—'}</Text>
                <Text size="xs" c="dimmed">
                  {h.operator.name} · {dateTimeLabel(h.at)}
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
        )}
      </Card>
      <ReasonModal request={request} onClose={() => setRequest(null)} onDone={refresh} />
    </Stack>
  );
}

/** One shop in the console: its standing and the actions it allows, money, permissions and history. */
export function ShopDetailPage() {
  const trpc = useTRPC();
  const vendorId = useParams().vendorId ?? '';
  const detail = useQuery(trpc.admin.shops.detail.queryOptions({ vendorId }));
  return (
    <Stack gap="md" maw={1100} mx="auto" px={{ base: 'xs', sm: 'md' }} py="md">
      <Anchor component={Link} to="/admin/shops" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} /> All shops
        </Group>
      </Anchor>
      {detail.isError && <Alert color="red" title="Could not load the shop">{failureOf(detail.error).message}</Alert>}
      {detail.data && <ShopDetail shop={detail.data} />}
    </Stack>
  );
}
