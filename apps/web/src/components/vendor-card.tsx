import { Card, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconBike, IconShoppingBag } from '@tabler/icons-react';
import { Link } from 'react-router';
import { distanceLabel } from '../lib/format';
import { OpenBadge, type OpenState } from './open-badge';

export interface VendorSummary extends OpenState {
  slug: string;
  name: string;
  description: string;
  pickupEnabled: boolean;
  deliveryEnabled: boolean;
  distanceMeters?: number;
  area?: string;
}

/** A shop's initials on a soft tile: every shop looks cared for, even without a photo. */
function Monogram({ name }: { name: string }) {
  const initials = name
    .replace(/[^A-Za-z ]/g, '')
    .split(' ')
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0])
    .join('');
  return (
    <ThemeIcon size={52} radius="md" variant="light" aria-hidden>
      <Text fw={800} size="lg">
        {initials}
      </Text>
    </ThemeIcon>
  );
}

export function VendorCard({ v }: { v: VendorSummary }) {
  return (
    <Link to={`/v/${v.slug}`} className="mk-card-link">
      <Card padding="md" h="100%">
        <Group align="flex-start" wrap="nowrap" gap="md">
          <Monogram name={v.name} />
          <Stack gap={6} style={{ minWidth: 0, flex: 1 }}>
            <Text fw={700} size="md" lh={1.25}>
              {v.name}
            </Text>
            <Text size="sm" c="dimmed" lineClamp={2}>
              {v.description}
            </Text>
            <Group gap={8} mt={2}>
              <OpenBadge v={v} size="sm" />
              {v.distanceMeters !== undefined && (
                <Text size="xs" c="dimmed">
                  {`${distanceLabel(v.distanceMeters)} away`}
                </Text>
              )}
              {v.area && (
                <Text size="xs" c="dimmed">
                  {v.area}
                </Text>
              )}
            </Group>
            <Group gap={12}>
              {v.pickupEnabled && (
                <Group gap={4}>
                  <IconShoppingBag size={15} aria-hidden />
                  <Text size="xs">Pickup</Text>
                </Group>
              )}
              {v.deliveryEnabled && (
                <Group gap={4}>
                  <IconBike size={15} aria-hidden />
                  <Text size="xs">Delivery</Text>
                </Group>
              )}
            </Group>
          </Stack>
        </Group>
      </Card>
    </Link>
  );
}
