import { Button, Card, Checkbox, Group, NumberInput, Stack, Switch, Text, Title } from '@mantine/core';
import type { AdminShopDetail } from '@makeries/shared';
import { useState } from 'react';
import { useTRPCClient } from '../../../app/api';
import type { ReasonRequest } from '../reason-modal';

type Ask = (r: ReasonRequest) => void;

function percent(bps: number): string {
  return `${(bps / 100).toFixed(2).replace(/\.?0+$/, '')}%`;
}

/** The shop's platform fee: its own in basis points, or the marketplace default. */
export function FeeForm({ shop, ask }: { shop: AdminShopDetail; ask: Ask }) {
  const client = useTRPCClient();
  const [useDefault, setUseDefault] = useState(shop.platformFeeBps === null);
  const [bps, setBps] = useState<number | string>(shop.platformFeeBps ?? shop.effectiveFeeBps);
  const next = useDefault ? null : typeof bps === 'number' ? bps : Number.parseInt(bps, 10);
  const unchanged = next === shop.platformFeeBps;
  const invalid = next !== null && (!Number.isInteger(next) || next < 0 || next > 10_000);
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          Platform fee
        </Title>
        <Text size="sm">
          Card payments now pay {percent(shop.effectiveFeeBps)} ({shop.effectiveFeeBps} bps){shop.platformFeeBps === null ? ', the marketplace default' : ''}.
        </Text>
        <Checkbox label="Use the marketplace default" checked={useDefault} onChange={(e) => setUseDefault(e.currentTarget.checked)} />
        {!useDefault && (
          <NumberInput
            label="This shop's fee (basis points, 100 = 1%)"
            min={0}
            max={10_000}
            step={25}
            allowDecimal={false}
            value={bps}
            onChange={setBps}
            error={invalid ? 'Between 0 and 10000 basis points' : undefined}
            w={{ base: '100%', sm: 260 }}
          />
        )}
        <Group>
          <Button
            disabled={unchanged || invalid}
            onClick={() =>
              ask({
                title: 'Change the platform fee',
                effect: next === null ? `${shop.name} goes back to the marketplace default fee.` : `${shop.name}'s card payments will pay ${percent(next)} (${String(next)} bps).`,
                confirm: 'Save fee',
                run: (reason) => client.admin.shops.setFee.mutate({ vendorId: shop.id, feeBps: next, reason }),
              })
            }
          >
            Save fee…
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** What the shop may offer online; taking one away turns it off at once. */
export function PermissionsForm({ shop, ask }: { shop: AdminShopDetail; ask: Ask }) {
  const client = useTRPCClient();
  const [pickup, setPickup] = useState(shop.pickupAllowed);
  const [delivery, setDelivery] = useState(shop.deliveryAllowed);
  const unchanged = pickup === shop.pickupAllowed && delivery === shop.deliveryAllowed;
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          Pickup and delivery
        </Title>
        <Text size="sm">
          Offered now: {[shop.pickupEnabled && 'pickup', shop.deliveryEnabled && 'delivery'].filter(Boolean).join(' and ') || 'neither'}.
        </Text>
        <Switch label="May offer pickup" checked={pickup} onChange={(e) => setPickup(e.currentTarget.checked)} data-testid="allow-pickup" />
        <Switch label="May offer delivery" checked={delivery} onChange={(e) => setDelivery(e.currentTarget.checked)} data-testid="allow-delivery" />
        <Group>
          <Button
            disabled={unchanged}
            onClick={() =>
              ask({
                title: 'Change what the shop may offer',
                effect: `${shop.name} ${pickup ? 'may' : 'may not'} offer pickup and ${delivery ? 'may' : 'may not'} offer delivery. What it may not offer is turned off now.`,
                confirm: 'Save permissions',
                run: (reason) => client.admin.shops.setPermissions.mutate({ vendorId: shop.id, pickupAllowed: pickup, deliveryAllowed: delivery, reason }),
              })
            }
          >
            Save permissions…
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
