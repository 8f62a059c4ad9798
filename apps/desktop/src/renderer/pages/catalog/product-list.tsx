import { Badge, Box, Center, Group, Loader, Stack, Switch, Table, Text } from '@mantine/core';
import { IconPackageOff } from '@tabler/icons-react';
import { money } from '../../format/money';
import { priceRange, stockTotal, type CatalogProduct } from './catalog-types';
import { PosBadge } from './pos-bridge';

interface Props {
  products: CatalogProduct[] | undefined;
  loading: boolean;
  currency: string;
  filtered: boolean;
  onOpen: (p: CatalogProduct) => void;
  onToggleOnline: (p: CatalogProduct, online: boolean) => void;
}

function Price({ p, currency }: { p: CatalogProduct; currency: string }) {
  const r = priceRange(p);
  if (!r) return <Text c="ink.6">—</Text>;
  return <Text fw={600}>{r.min === r.max ? money(r.min, currency) : `${money(r.min, currency)} – ${money(r.max, currency)}`}</Text>;
}

function Stock({ p }: { p: CatalogProduct }) {
  const total = stockTotal(p);
  if (total === null) return <Text c="ink.6">Not tracked</Text>;
  return (
    <Text fw={600} c={total <= 0 ? 'red.8' : undefined}>
      {total}
    </Text>
  );
}

/** The catalog as a table: one row per product, the open button is the whole row; online is a switch right here. */
export function ProductList({ products, loading, currency, filtered, onOpen, onToggleOnline }: Props) {
  if (loading && !products) {
    return (
      <Center py={80}>
        <Loader />
      </Center>
    );
  }
  if (!products || products.length === 0) {
    return (
      <Center py={80}>
        <Stack align="center" gap="xs" maw={420} ta="center">
          <IconPackageOff size={48} stroke={1.4} color="var(--mantine-color-ink-5)" />
          <Text fw={700} size="lg">
            {filtered ? 'Nothing matches' : 'No products yet'}
          </Text>
          <Text c="ink.7">{filtered ? 'Try another word, scan the barcode, or clear the filters.' : 'Add your first product with “New product”, or import a CSV file.'}</Text>
        </Stack>
      </Center>
    );
  }
  return (
    <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md" stickyHeader data-testid="catalog-products">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Product</Table.Th>
          <Table.Th>Category</Table.Th>
          <Table.Th ta="right">Price</Table.Th>
          <Table.Th ta="right">In stock</Table.Th>
          <Table.Th w={130}>Online</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {products.map((p) => {
          const onSale = p.variants.filter((v) => !v.archived);
          return (
            <Table.Tr
              key={p.id}
              onClick={() => onOpen(p)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && e.target === e.currentTarget) onOpen(p);
              }}
              tabIndex={0}
              style={{ cursor: 'pointer' }}
              data-testid={`product-row-${p.name}`}
            >
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Box style={{ minWidth: 0 }}>
                    <Text fw={700} truncate>
                      {p.name}
                    </Text>
                    <Text size="sm" c="ink.7" truncate>
                      {onSale.length === 1 ? onSale[0]?.sku : `${onSale.length} variants`}
                      {onSale.length === 1 && onSale[0]?.barcode ? ` · ${onSale[0].barcode}` : ''}
                    </Text>
                  </Box>
                  {p.archived && <Badge color="gray">Archived</Badge>}
                  {p.posProvider && <PosBadge provider={p.posProvider} />}
                  {p.pendingSync && (
                    <Badge color="yellow" variant="light">
                      Not synced yet
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text c={p.categoryName ? undefined : 'ink.6'}>{p.categoryName ?? 'No category'}</Text>
              </Table.Td>
              <Table.Td ta="right">
                <Price p={p} currency={currency} />
              </Table.Td>
              <Table.Td ta="right">
                <Stock p={p} />
              </Table.Td>
              <Table.Td onClick={(e) => e.stopPropagation()}>
                <Switch
                  size="lg"
                  checked={p.onlineVisible}
                  disabled={p.archived}
                  onChange={(e) => onToggleOnline(p, e.currentTarget.checked)}
                  onLabel="ON"
                  offLabel="OFF"
                  label={p.onlineVisible ? 'Shown' : 'Hidden'}
                  aria-label={`Show ${p.name} in the web shop`}
                />
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
