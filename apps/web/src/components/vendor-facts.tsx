import { Anchor, Group, Stack, Text } from '@mantine/core';
import { IconBike, IconMapPin, IconShoppingBag } from '@tabler/icons-react';
import type { PublicVendor } from '../app/api';
import { mapLink, money } from '../lib/format';

/** Address with a map link, pickup and delivery terms, minimum order. */
export function VendorFacts({ v, addressOnly = false }: { v: PublicVendor; addressOnly?: boolean }) {
  const zones = [...v.deliveryZones].sort((a, b) => a.radiusMeters - b.radiusMeters);
  return (
    <Stack gap={8}>
      <Group gap={8} wrap="nowrap" align="flex-start">
        <IconMapPin size={18} aria-hidden style={{ flex: 'none', marginTop: 2 }} />
        <Text size="sm">
          {v.addressLine1}, {v.city} {v.postcode} ·{' '}
          <Anchor href={mapLink(v.lat, v.lng)} target="_blank" rel="noopener" size="sm">
            Open in map<span className="mk-visually-hidden"> (opens in a new tab)</span>
          </Anchor>
        </Text>
      </Group>
      {!addressOnly && v.pickupEnabled && (
        <Group gap={8} wrap="nowrap">
          <IconShoppingBag size={18} aria-hidden style={{ flex: 'none' }} />
          <Text size="sm">Pickup in store — pay when you collect</Text>
        </Group>
      )}
      {!addressOnly && v.deliveryEnabled && zones.length > 0 && (
        <Group gap={8} wrap="nowrap" align="flex-start">
          <IconBike size={18} aria-hidden style={{ flex: 'none', marginTop: 2 }} />
          <Text size="sm">
            Delivery{' '}
            {zones
              .map((z) => `within ${(z.radiusMeters / 1000).toFixed(z.radiusMeters % 1000 ? 1 : 0)} km ${money(z.feeCents, v.currency)}${z.minOrderCents > v.minOrderCents ? ` (min. ${money(z.minOrderCents, v.currency)})` : ''}`)
              .join(' · ')}
          </Text>
        </Group>
      )}
      {!addressOnly && v.minOrderCents > 0 && (
        <Text size="sm" c="dimmed">
          Minimum order {money(v.minOrderCents, v.currency)}
        </Text>
      )}
    </Stack>
  );
}
