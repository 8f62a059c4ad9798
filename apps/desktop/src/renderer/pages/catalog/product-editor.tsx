import { Alert, Badge, Button, Drawer, Group, MultiSelect, Select, Stack, Switch, Text, Textarea, TextInput, Title } from '@mantine/core';
import { currencySymbol, DIETARY_TAGS, dietaryTagSchema, posProviderName, productEditorSchema, type DietaryTag } from '@makeries/shared';
import { useForm } from '@mantine/form';
import { IconArchive, IconArchiveOff, IconDeviceFloppy } from '@tabler/icons-react';
import { skipToken, useQuery } from '@tanstack/react-query';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useEffect, useRef, useState } from 'react';
import { apiError } from '../../api/errors';
import { useTRPC, useTRPCClient } from '../../api/trpc';
import { useScanHandler } from '../../app/scan-context';
import type { CatalogCategory, CatalogProduct, CatalogTaxRate } from './catalog-types';
import { LOCKED_INPUT_STYLES, PosBadge, PosOwnedNotice } from './pos-bridge';
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
  onClose: () => void;
}

/** The editor's values; description and tags stay undefined until the marketplace sent them (existing products). */
type EditorValues = {
  name: string;
  categoryId: string | null;
  onlineVisible: boolean;
  description: string | undefined;
  dietaryTags: DietaryTag[] | undefined;
  variants: VariantDraft[];
};

const isDietaryTag = (t: string): t is DietaryTag => dietaryTagSchema.safeParse(t).success;


/** Field errors the counter named (`variants.0.priceCents`) → the form's fields (`variants.0.priceText`). */
function fieldErrorsOf(issues: { path: string; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) out[i.path.replace(/^(variants\.\d+)\.priceCents$/, '$1.priceText')] = i.message;
  return out;
}

function initialValues(product: CatalogProduct | null, taxRates: CatalogTaxRate[], currency: string): EditorValues {
  if (product) {
    return {
      name: product.name,
      categoryId: product.categoryId,
      onlineVisible: product.onlineVisible,
      description: undefined,
      dietaryTags: undefined,
      variants: product.variants.map((v) => draftOf(v, currency)),
    };
  }
  const classes = taxRates.map((r) => r.taxClass);
  const taxClass = classes.includes('standard') ? 'standard' : (classes[0] ?? 'standard');
  return { name: '', categoryId: null, onlineVisible: false, description: '', dietaryTags: [], variants: [emptyDraft(taxClass)] };
}

/**
 * Create or edit a product: name, category, web shop visibility, description and dietary tags (need the
 * connection for an existing product: only the marketplace holds them), photos, and the variants table.
 * One @mantine/form over the shared editor schema checks names, SKUs and prices before anything is sent; the
 * counter's own refusals (a duplicate barcode) land on the same fields. Ctrl+S saves; a scanned barcode lands in
 * the highlighted variant row. A product bridged from a point of sale shows what its POS owns read-only.
 */
export function ProductEditor({ product, categories, taxRates, currency, online, onClose }: Props) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const write = useCatalogWrite();
  const classes = [...new Set(taxRates.map((r) => r.taxClass))];
  const [initial] = useState(() => initialValues(product, taxRates, currency));
  const form = useForm<EditorValues>({
    initialValues: initial,
    validate: zod4Resolver(productEditorSchema(currency), { errorPriority: 'first' }),
  });
  const { values } = form;
  const [scanTarget, setScanTarget] = useState<string | null>(values.variants[0]?.key ?? null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** bridged from a point of sale: names, variants, prices, tax, archiving and stock are edited there */
  const pos = product?.posProvider ?? null;
  const posName = pos ? posProviderName(pos) : null;

  const extras = useQuery(trpc.catalogEdit.extras.queryOptions(product && online ? { productId: product.id } : skipToken, { retry: false }));
  const { setFieldValue, getValues } = form;
  useEffect(() => {
    if (!extras.data) return;
    if (getValues().description === undefined) setFieldValue('description', extras.data.description);
    if (getValues().dietaryTags === undefined) setFieldValue('dietaryTags', extras.data.dietaryTags);
  }, [extras.data, getValues, setFieldValue]);

  useScanHandler((code) => {
    if (pos) return; // barcodes of a bridged product are its POS's
    const drafts = form.getValues().variants;
    const target = drafts.find((d) => d.key === scanTarget) ?? drafts.find((d) => !d.barcode) ?? drafts[0];
    if (target) form.setFieldValue('variants', drafts.map((d) => (d.key === target.key ? { ...d, barcode: code } : d)));
  });

  const save = async (v: EditorValues) => {
    setBusy(true);
    try {
      const input = {
        ...(product ? { productId: product.id } : {}),
        name: v.name,
        categoryId: v.categoryId,
        onlineVisible: v.onlineVisible,
        ...(v.description !== undefined ? { description: v.description } : {}),
        ...(v.dietaryTags !== undefined ? { dietaryTags: v.dietaryTags } : {}),
        variants: variantInputs(v.variants, currency),
      };
      const done = await write(product ? 'change this product' : 'add a product', (approval) => client.catalogEdit.save.mutate({ ...input, ...(approval ? { approval } : {}) }));
      if (done) onClose();
    } catch (e) {
      const info = apiError(e);
      setError(info.message);
      form.setErrors(fieldErrorsOf(info.issues));
    } finally {
      setBusy(false);
    }
  };
  const submit = () => {
    setError(null);
    form.onSubmit((v) => void save(v))();
  };

  // Ctrl+S saves from anywhere while the editor is open (focus may be on the drawer, not in a field)
  const submitRef = useRef(submit);
  submitRef.current = submit;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        submitRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const archive = async (value: boolean) => {
    if (!product) return;
    try {
      const done = await write(value ? 'archive a product' : 'restore a product', (approval) => client.catalogEdit.archive.mutate({ productId: product.id, value, ...(approval ? { approval } : {}) }));
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
          {pos && <PosBadge provider={pos} />}
        </Group>
      }
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        data-testid="product-editor"
      >
        <Stack gap="md">
          {pos && <PosOwnedNotice provider={pos} url={product?.posEditUrl ?? null} />}
          <Group grow align="flex-start">
            <TextInput
              size="md"
              label="Name"
              data-autofocus
              {...form.getInputProps('name')}
              disabled={posName !== null}
              description={posName ? `Edited in ${posName}` : undefined}
              styles={posName ? LOCKED_INPUT_STYLES : undefined}
            />
            <Select
              size="md"
              label="Category"
              placeholder="No category"
              data={categories.map((c) => ({ value: c.id, label: c.name }))}
              clearable
              searchable
              {...form.getInputProps('categoryId')}
            />
          </Group>
          <Switch
            size="lg"
            {...form.getInputProps('onlineVisible', { type: 'checkbox' })}
            label={values.onlineVisible ? 'Shown in the web shop' : 'Hidden from the web shop (sold at the counter only)'}
          />
          {extrasNote ? (
            <Text c="ink.7" size="sm">
              {extrasNote}
            </Text>
          ) : (
            <Group grow align="flex-start">
              <Textarea
                size="md"
                label="Description"
                autosize
                minRows={2}
                maxRows={5}
                value={values.description ?? ''}
                onChange={(e) => form.setFieldValue('description', e.currentTarget.value)}
                error={form.errors.description}
                disabled={values.description === undefined}
              />
              <MultiSelect
                size="md"
                label="Dietary tags"
                data={[...DIETARY_TAGS]}
                value={values.dietaryTags ?? []}
                onChange={(tags) => form.setFieldValue('dietaryTags', tags.filter(isDietaryTag))}
                error={form.errors.dietaryTags}
                disabled={values.dietaryTags === undefined}
                clearable
              />
            </Group>
          )}
          <div>
            <Text fw={700} mb={4}>
              Variants
            </Text>
            <Text size="sm" c="ink.7" mb="xs">
              {posName ? `Edited in ${posName}: names, SKUs, barcodes, prices, tax and whether stock is counted. How each is sold stays here.` : 'Scan a barcode to put it in the highlighted row.'}
            </Text>
            <VariantTable
              drafts={values.variants}
              taxClasses={classes}
              currencySymbol={currencySymbol(currency)}
              errorOf={(row, field) => form.errors[`variants.${row}.${field}`]}
              onChange={(next) => form.setFieldValue('variants', next)}
              onFocusRow={setScanTarget}
              scanTarget={scanTarget}
              lockedBy={posName}
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
          {posName ? (
            <Text c="ink.7" size="sm">
              Archive or restore it in {posName}.
            </Text>
          ) : product ? (
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
