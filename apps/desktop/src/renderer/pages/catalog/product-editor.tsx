import { Alert, Badge, Button, Drawer, Group, MultiSelect, Select, Stack, Switch, Text, Textarea, TextInput, Title } from '@mantine/core';
import { currencySymbol, DIETARY_TAGS } from '@makeries/shared';
import { IconArchive, IconArchiveOff, IconDeviceFloppy } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { apiError } from '../../api/errors';
import { apiQuery, callMutation } from '../../api/hooks';
import { useScanHandler } from '../../app/scan-context';
import type { CatalogCategory, CatalogProduct, CatalogTaxRate } from './catalog-types';
import { ProductPhotos } from './product-photos';
import { useCatalogWrite } from './use-catalog-write';
import { draftOf, emptyDraft, variantInputs, type VariantDraft } from './variant-draft';
import { VariantTable } from './variant-table';

interface Props {
  /** null = a new product */
  product: CatalogProduct | null;
  categories: CatalogCategory[];
  taxRates: CatalogTaxRate[];
  currency: string;
  online: boolean;
  onClose(): void;
}

const symbolOf = (currency: string) => currencySymbol(currency);

/** Field errors the counter named (`variants.0.sku`) → the table's `${row}.${field}` keys. */
function fieldErrorsOf(issues: { path: string; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) {
    const m = /^variants\.(\d+)\.(\w+)$/.exec(i.path);
    out[m ? `${m[1]}.${m[2]}` : i.path] = i.message;
  }
  return out;
}

/**
 * Create or edit a product: name, category, web shop visibility, description and dietary tags (need the
 * connection for an existing product: only the marketplace holds them), photos, and the variants table.
 * Ctrl+S saves; a scanned barcode lands in the highlighted variant row.
 */
export function ProductEditor({ product, categories, taxRates, currency, online, onClose }: Props) {
  const write = useCatalogWrite();
  const classes = [...new Set(taxRates.map((r) => r.taxClass))];
  const [name, setName] = useState(product?.name ?? '');
  const [categoryId, setCategoryId] = useState<string | null>(product?.categoryId ?? null);
  const [onlineVisible, setOnlineVisible] = useState(product?.onlineVisible ?? false);
  const [description, setDescription] = useState<string | undefined>(product ? undefined : '');
  const [tags, setTags] = useState<string[] | undefined>(product ? undefined : []);
  const [drafts, setDrafts] = useState<VariantDraft[]>(() => (product ? product.variants.map((v) => draftOf(v, currency)) : [emptyDraft(classes.includes('standard') ? 'standard' : (classes[0] ?? 'standard'))]));
  const [scanTarget, setScanTarget] = useState<string | null>(drafts[0]?.key ?? null);
  const [priceErrors, setPriceErrors] = useState<Record<string, string>>({});
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const extras = useQuery({ ...apiQuery('catalogEdit.extras', { productId: product?.id ?? '' }), enabled: product !== null && online, retry: false });
  useEffect(() => {
    if (!extras.data) return;
    setDescription((d) => d ?? extras.data.description);
    setTags((t) => t ?? extras.data.dietaryTags);
  }, [extras.data]);

  useScanHandler((code) => {
    const target = drafts.find((d) => d.key === scanTarget) ?? drafts.find((d) => !d.barcode) ?? drafts[0];
    if (target) setDrafts(drafts.map((d) => (d.key === target.key ? { ...d, barcode: code } : d)));
  });

  const save = async () => {
    setError(null);
    setFieldErrors({});
    const parsed = variantInputs(drafts, currency);
    setPriceErrors(parsed.ok ? {} : parsed.errors);
    if (!parsed.ok) return;
    setBusy(true);
    try {
      const input = {
        ...(product ? { productId: product.id } : {}),
        name,
        categoryId,
        onlineVisible,
        ...(description !== undefined ? { description } : {}),
        ...(tags !== undefined ? { dietaryTags: tags as (typeof DIETARY_TAGS)[number][] } : {}),
        variants: parsed.variants,
      };
      const done = await write(product ? 'change this product' : 'add a product', (approval) => callMutation('catalogEdit.save', { ...input, ...(approval ? { approval } : {}) }));
      if (done) onClose();
    } catch (e) {
      const info = apiError(e);
      setError(info.message);
      setFieldErrors(fieldErrorsOf(info.issues));
    } finally {
      setBusy(false);
    }
  };

  // Ctrl+S saves from anywhere while the editor is open (focus may be on the drawer, not in a field)
  const saveRef = useRef(save);
  saveRef.current = save;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void saveRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const archive = async (value: boolean) => {
    if (!product) return;
    try {
      const done = await write(value ? 'archive a product' : 'restore a product', (approval) => callMutation('catalogEdit.archive', { productId: product.id, value, ...(approval ? { approval } : {}) }));
      if (done) onClose();
    } catch (e) {
      setError(apiError(e).message);
    }
  };

  const extrasNote = product && (!online || extras.isError) ? 'Description, dietary tags and photos need the connection to the marketplace; they stay as they are.' : null;

  return (
    <Drawer
      opened
      onClose={onClose}
      position="right"
      size={1040}
      title={
        <Group gap="sm">
          <Title order={3}>{product ? product.name : 'New product'}</Title>
          {product?.archived && <Badge color="gray">Archived</Badge>}
        </Group>
      }
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        data-testid="product-editor"
      >
        <Stack gap="md">
          <Group grow align="flex-start">
            <TextInput size="md" label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} data-autofocus error={fieldErrors.name} />
            <Select
              size="md"
              label="Category"
              placeholder="No category"
              data={categories.map((c) => ({ value: c.id, label: c.name }))}
              value={categoryId}
              onChange={setCategoryId}
              clearable
              searchable
              error={fieldErrors.categoryId}
            />
          </Group>
          <Switch size="lg" checked={onlineVisible} onChange={(e) => setOnlineVisible(e.currentTarget.checked)} label={onlineVisible ? 'Shown in the web shop' : 'Hidden from the web shop (sold at the counter only)'} />
          {extrasNote ? (
            <Text c="ink.7" size="sm">
              {extrasNote}
            </Text>
          ) : (
            <Group grow align="flex-start">
              <Textarea size="md" label="Description" autosize minRows={2} maxRows={5} value={description ?? ''} onChange={(e) => setDescription(e.currentTarget.value)} disabled={description === undefined} />
              <MultiSelect size="md" label="Dietary tags" data={[...DIETARY_TAGS]} value={tags ?? []} onChange={setTags} disabled={tags === undefined} clearable />
            </Group>
          )}
          <div>
            <Text fw={700} mb={4}>
              Variants
            </Text>
            <Text size="sm" c="ink.7" mb="xs">
              Scan a barcode to put it in the highlighted row.
            </Text>
            <VariantTable
              drafts={drafts}
              taxClasses={classes}
              currencySymbol={symbolOf(currency)}
              priceErrors={priceErrors}
              fieldErrors={fieldErrors}
              onChange={setDrafts}
              onFocusRow={setScanTarget}
              scanTarget={scanTarget}
            />
          </div>
          {product && (
            <div>
              <Text fw={700} mb="xs">
                Photos
              </Text>
              <ProductPhotos productId={product.id} photos={extras.data?.photos ?? []} online={online && !extras.isError} onUploaded={() => void extras.refetch()} />
            </div>
          )}
          {error && (
            <Alert color="red" title="Not saved" data-testid="editor-error">
              {error}
            </Alert>
          )}
        </Stack>
        <Group
          justify="space-between"
          p="md"
          mt="lg"
          mx="calc(var(--mantine-spacing-md) * -1)"
          style={{ position: 'sticky', bottom: 0, zIndex: 2, background: 'white', borderTop: '1px solid var(--mantine-color-ink-2)' }}
        >
          {product ? (
            <Button variant="subtle" color={product.archived ? 'brand' : 'red'} size="lg" leftSection={product.archived ? <IconArchiveOff size={20} /> : <IconArchive size={20} />} onClick={() => void archive(!product.archived)}>
              {product.archived ? 'Put back on sale' : 'Archive product'}
            </Button>
          ) : (
            <span />
          )}
          <Group>
            <Button variant="default" size="lg" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" size="lg" leftSection={<IconDeviceFloppy size={20} />} loading={busy}>
              Save
            </Button>
          </Group>
        </Group>
      </form>
    </Drawer>
  );
}
