import { Badge, Card, Group, Stack, Text } from '@mantine/core';
import type { SearchProductItem } from '@makeries/shared';
import { Link } from 'react-router';
import { DIETARY_LABELS, distanceLabel, money } from '../lib/format';
import { FavouriteButton } from './favourite-button';
import { ProductImage } from './product-image';

export function ProductCard({ p, showVendor = true }: { p: SearchProductItem; showVendor?: boolean }) {
  return (
    <div style={{ position: 'relative', height: '100%' }}>
      {/* no aria-label: the link's name is the card's own text (name, shop, price, sold out), so it says what it shows */}
      <Link to={`/p/${p.id}`} className="mk-card-link">
        <Card padding={0} h="100%">
          <ProductImage src={p.imageThumb ?? null} alt="" size={200} />
          <Stack gap={4} p="sm" style={{ flex: 1 }}>
            <Text fw={650} size="sm" lineClamp={2} lh={1.3}>
              {p.name}
            </Text>
            {showVendor && (
              <Text size="xs" c="dimmed" lineClamp={1}>
                {p.vendor.name}
                {p.vendor.distanceMeters !== undefined ? ` · ${distanceLabel(p.vendor.distanceMeters)}` : ''}
              </Text>
            )}
            <Group gap={6} mt="auto" pt={4} justify="space-between" wrap="nowrap">
              <Text fw={700}>{money(p.minPriceCents, p.currency)}</Text>
              {!p.inStock ? (
                <Badge color="gray" variant="light" size="sm">
                  Sold out
                </Badge>
              ) : p.dietaryTags[0] ? (
                <Badge color="brand" variant="outline" size="xs">
                  {DIETARY_LABELS[p.dietaryTags[0]] ?? p.dietaryTags[0]}
                </Badge>
              ) : null}
            </Group>
          </Stack>
        </Card>
      </Link>
      {/* beside the link, not inside it: a link cannot hold a button */}
      <div style={{ position: 'absolute', top: 8, right: 8 }}>
        <FavouriteButton target={{ productId: p.id }} name={p.name} compact />
      </div>
    </div>
  );
}
