import { Alert, Badge, Box, Button, Group, ScrollArea, SegmentedControl, Select, Tabs, Text, TextInput, Title } from '@mantine/core';
import { IconDownload, IconFileImport, IconPlus, IconSearch, IconWifiOff } from '@tabler/icons-react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPC, useTRPCClient } from '../../api/trpc';
import type { SignedIn } from '../../api/types';
import { useScanHandler } from '../../app/scan-context';
import { isManagerRole } from '../../components/role-label';
import { useCurrency } from '../../hooks/use-currency';
import type { CatalogProduct, ProductStatus } from './catalog-types';
import { CategoriesPanel } from './categories-panel';
import { downloadText } from './csv-download';
import { CsvImportModal } from './csv-import-modal';
import { ProductEditor } from './product-editor';
import { ProductList } from './product-list';
import { TaxRatesPanel } from './tax-rates-panel';
import { useCatalogWrite } from './use-catalog-write';

type Tab = 'products' | 'categories' | 'tax';
const STATUSES: { value: ProductStatus; label: string }[] = [
  { value: 'active', label: 'On sale' },
  { value: 'online', label: 'Online' },
  { value: 'hidden', label: 'Counter only' },
  { value: 'archived', label: 'Archived' },
];

/**
 * Back office → Catalog: products (search, scan to find, category and status filters, online switch in the
 * list, editor drawer), categories, tax rates, CSV import/export. Reads are local and work offline; every
 * change is queued for the marketplace.
 */
export function CatalogSection({ staff }: { staff: SignedIn }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const currency = useCurrency();
  const write = useCatalogWrite();
  const [tab, setTab] = useState<Tab>('products');
  const [q, setQ] = useState('');
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [status, setStatus] = useState<ProductStatus>('active');
  const [editing, setEditing] = useState<CatalogProduct | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const filter = { q: q.trim(), status, ...(categoryId ? { categoryId } : {}), limit: 300 };
  const products = useQuery(trpc.catalogEdit.list.queryOptions(filter, { placeholderData: keepPreviousData }));
  const categories = useQuery(trpc.catalogEdit.categories.queryOptions());
  const taxRates = useQuery(trpc.catalogEdit.taxRates.queryOptions());
  const sync = useQuery(trpc.sync.status.queryOptions(undefined, { staleTime: Infinity }));
  const online = sync.data?.online ?? false;
  const qc = useQueryClient();
  const lastPullAt = sync.data?.lastPullAt;
  const pending = sync.data?.pending;
  // a pull brings other counters' and the web back office's edits; a push clears "not synced yet"
  useEffect(() => {
    for (const filter of [trpc.catalogEdit.list.pathFilter(), trpc.catalogEdit.categories.pathFilter(), trpc.catalogEdit.taxRates.pathFilter()]) {
      void qc.invalidateQueries(filter);
    }
  }, [lastPullAt, pending, qc, trpc]);

  // a scan finds the product (the editor, when open, takes scans for its barcode field instead)
  useScanHandler((code) => {
    setError(null);
    void client.catalogEdit.list.query({ q: code, status: 'all', limit: 2 }).then((found) => {
      const [hit] = found;
      if (found.length === 1 && hit) setEditing(hit);
      else {
        setStatus('all');
        setQ(code);
      }
    }, (e: unknown) => setError(errorMessage(e)));
  }, editing === null && !importing);

  const toggleOnline = (p: CatalogProduct, value: boolean) => {
    setError(null);
    write(value ? 'show a product online' : 'hide a product online', (approval) => client.catalogEdit.setOnline.mutate({ productId: p.id, value, ...(approval ? { approval } : {}) })).catch(
      (e: unknown) => setError(errorMessage(e)),
    );
  };

  const exportCsv = async () => {
    setError(null);
    try {
      const csv = await client.catalogEdit.exportCsv.query();
      downloadText(csv.fileName, csv.text);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const filtered = q.trim() !== '' || categoryId !== null || status !== 'active';
  return (
    <Box style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }} data-testid="catalog-section">
      <Tabs value={tab} onChange={(v) => v && setTab(v as Tab)} keepMounted={false} style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}>
        <Box px="lg" pt="md" style={{ background: 'white', borderBottom: '1px solid var(--mantine-color-ink-2)' }}>
          <Group justify="space-between" mb="xs" wrap="nowrap">
            <Group gap="sm">
              <Title order={2}>Catalog</Title>
              {!online && (
                <Badge color="gray" variant="light" size="lg" leftSection={<IconWifiOff size={14} />} title="Changes are saved on this counter and sent when the connection is back">
                  Offline · changes sent later
                </Badge>
              )}
            </Group>
            <Group gap="xs" wrap="nowrap">
              {!isManagerRole(staff.role) && (
                <Text c="ink.7" size="sm">
                  Changes need a manager’s PIN.
                </Text>
              )}
              <Button size="md" leftSection={<IconPlus size={18} />} onClick={() => setEditing('new')}>
                New product
              </Button>
              <Button variant="default" size="md" leftSection={<IconDownload size={18} />} onClick={() => void exportCsv()}>
                Export CSV
              </Button>
              <Button variant="default" size="md" leftSection={<IconFileImport size={18} />} onClick={() => setImporting(true)}>
                Import CSV
              </Button>
            </Group>
          </Group>
          <Tabs.List style={{ borderBottom: 0 }}>
            <Tabs.Tab value="products" fz="md" py="md">
              Products
            </Tabs.Tab>
            <Tabs.Tab value="categories" fz="md" py="md">
              Categories
            </Tabs.Tab>
            <Tabs.Tab value="tax" fz="md" py="md">
              Tax rates
            </Tabs.Tab>
          </Tabs.List>
        </Box>
        <Tabs.Panel value="products" style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
          <Group px="lg" py="sm" gap="sm" style={{ background: 'var(--mantine-color-ink-0)' }}>
            <TextInput
              size="md"
              style={{ flex: '1 1 260px' }}
              value={q}
              onChange={(e) => setQ(e.currentTarget.value)}
              onKeyDown={(e) => e.key === 'Escape' && setQ('')}
              placeholder="Search by name, SKU or barcode — or scan"
              aria-label="Search products"
              leftSection={<IconSearch size={18} />}
            />
            <Select
              size="md"
              w={200}
              placeholder="All categories"
              data={(categories.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
              value={categoryId}
              onChange={setCategoryId}
              clearable
              searchable
              aria-label="Category"
            />
            <SegmentedControl size="md" value={status} onChange={(v) => setStatus(v as ProductStatus)} data={STATUSES} aria-label="Which products" />
          </Group>
          {error && (
            <Alert color="red" mx="lg" mt="sm" withCloseButton onClose={() => setError(null)}>
              {error}
            </Alert>
          )}
          <ScrollArea style={{ flex: 1, minHeight: 0 }}>
            <Box px="lg" pb="lg">
              <ProductList products={products.data} loading={products.isLoading} currency={currency} filtered={filtered} onOpen={setEditing} onToggleOnline={toggleOnline} />
            </Box>
          </ScrollArea>
        </Tabs.Panel>
        <Tabs.Panel value="categories" style={{ flex: 1, minHeight: 0 }}>
          <ScrollArea h="100%">
            <Box p="lg">
              <CategoriesPanel categories={categories.data ?? []} />
            </Box>
          </ScrollArea>
        </Tabs.Panel>
        <Tabs.Panel value="tax" style={{ flex: 1, minHeight: 0 }}>
          <ScrollArea h="100%">
            <Box p="lg">
              <TaxRatesPanel rates={taxRates.data ?? []} />
            </Box>
          </ScrollArea>
        </Tabs.Panel>
      </Tabs>
      {editing && (
        <ProductEditor
          key={editing === 'new' ? 'new' : editing.id}
          product={editing === 'new' ? null : editing}
          categories={categories.data ?? []}
          taxRates={taxRates.data ?? []}
          currency={currency}
          online={online}
          onClose={() => setEditing(null)}
        />
      )}
      {importing && <CsvImportModal currency={currency} onClose={() => setImporting(false)} />}
    </Box>
  );
}
