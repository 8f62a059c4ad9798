import { Alert, Anchor, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconPhone } from '@tabler/icons-react';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useTRPC } from '../../app/api';
import { FavouriteButton } from '../../components/favourite-button';
import { OpenBadge } from '../../components/open-badge';
import { ReportButton } from '../../components/report-button';
import { ReviewSection } from '../../components/review-section';
import { ReviewRatingLine } from '../../components/review-rating-line';
import { VendorFacts } from '../../components/vendor-facts';
import { HoursTable } from './hours-table';
import { VendorProducts } from './vendor-products';

export function VendorPage() {
  const trpc = useTRPC();
  const { slug = '' } = useParams();
  const query = useSuspenseQuery(trpc.vendors.bySlug.queryOptions({ slug: slug }));
  const v = query.data;
  // "today" as of when the data was loaded, so the server render and hydration agree
  const asOf = new Date(query.dataUpdatedAt);

  return (
    <Stack gap={32}>
      <div className="mk-two-col">
        <Stack gap="sm">
          <Group gap="sm" align="center">
            <Title order={1} fz={{ base: 28, sm: 36 }} lh={1.15}>
              {v.name}
            </Title>
            <OpenBadge v={v} size="lg" />
            <FavouriteButton target={{ vendorId: v.id }} name={v.name} compact />
          </Group>
          <ReviewRatingLine vendorId={v.id} />
          <Text size="lg" c="#3d484f">
            {v.description}
          </Text>
          {v.paused && (
            <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title="Not taking online orders right now">
              {v.pausedReason ?? 'You can still browse; ordering opens again when the shop is back.'}
            </Alert>
          )}
          <VendorFacts v={v} />
          {v.phone && (
            <Group gap={8}>
              <IconPhone size={18} aria-hidden />
              <Anchor href={`tel:${v.phone.replace(/\s+/g, '')}`} size="sm">
                {v.phone}
              </Anchor>
            </Group>
          )}
          <Group>
            <ReportButton kind="shop" targetId={v.id} name={v.name} />
          </Group>
        </Stack>
        <Card padding="md">
          <Title order={2} size="h5" mb="xs">
            Opening hours
          </Title>
          <HoursTable hours={v.openingHours} timezone={v.timezone} now={asOf} />
        </Card>
      </div>
      <section aria-labelledby="products-title">
        <Title id="products-title" order={2} size="h3" mb="sm">
          Products
        </Title>
        <VendorProducts vendorId={v.id} />
      </section>
      <ReviewSection target={{ vendorId: v.id }} title="Reviews" />
    </Stack>
  );
}
