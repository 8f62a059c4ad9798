import { Group, Text, Title } from '@mantine/core';
import { VendorCard, type VendorSummary } from '../../components/vendor-card';

export function ShopList({ title, shops, empty }: { title: string; shops: VendorSummary[]; empty: string }) {
  return (
    <section aria-labelledby="shops-title">
      <Group justify="space-between" align="baseline" mb="sm">
        <Title id="shops-title" order={2} size="h3">
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          {shops.length} {shops.length === 1 ? 'shop' : 'shops'}
        </Text>
      </Group>
      {shops.length === 0 ? (
        <Text c="dimmed">{empty}</Text>
      ) : (
        <div className="mk-grid-vendors">
          {shops.map((v) => (
            <VendorCard key={v.slug} v={v} />
          ))}
        </div>
      )}
    </section>
  );
}
