import { ActionIcon, Button, Checkbox, Group, Select, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { IconArchive, IconArchiveOff, IconBarcode, IconPlus, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { LOCKED_INPUT_STYLES } from './pos-bridge';
import { emptyDraft, type VariantDraft } from './variant-draft';

interface Props {
  drafts: VariantDraft[];
  taxClasses: string[];
  currencySymbol: string;
  /** the form's error for a row's field (the editor's checks or the counter's answer) */
  errorOf: (row: number, field: 'name' | 'sku' | 'barcode' | 'priceText') => ReactNode;
  onChange: (next: VariantDraft[]) => void;
  /** the row a scanned barcode goes to */
  onFocusRow: (key: string) => void;
  scanTarget: string | null;
  /** the point of sale the product is bridged from ("Square"): its names, SKUs, barcodes, prices, tax and variants are read-only */
  lockedBy?: string | null;
}

/** The product's variants: one row each, every field editable in place; a scan fills the highlighted barcode. */
export function VariantTable({ drafts, taxClasses, currencySymbol, errorOf, onChange, onFocusRow, scanTarget, lockedBy = null }: Props) {
  const locked = lockedBy !== null;
  const lockedStyles = locked ? LOCKED_INPUT_STYLES : undefined;
  const set = (key: string, patch: Partial<VariantDraft>) => onChange(drafts.map((d) => (d.key === key ? { ...d, ...patch } : d)));
  const classOptions = taxClasses.length > 0 ? taxClasses : ['standard'];
  return (
    <>
      <Table verticalSpacing={6} horizontalSpacing={6} data-testid="variant-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Variant</Table.Th>
            <Table.Th>SKU</Table.Th>
            <Table.Th w={200}>Barcode</Table.Th>
            <Table.Th w={120}>Price</Table.Th>
            <Table.Th w={150}>Tax</Table.Th>
            <Table.Th w={120}>Sold by</Table.Th>
            <Table.Th w={70}>Stock</Table.Th>
            <Table.Th w={52} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {drafts.map((d, i) => (
            <Table.Tr key={d.key} onFocus={() => onFocusRow(d.key)} style={{ opacity: d.archived ? 0.55 : 1 }} data-testid={`variant-row-${i}`}>
              <Table.Td>
                <TextInput size="md" value={d.name} onChange={(e) => set(d.key, { name: e.currentTarget.value })} aria-label="Variant name" error={errorOf(i, 'name')} disabled={locked} styles={lockedStyles} />
              </Table.Td>
              <Table.Td>
                <TextInput size="md" value={d.sku} onChange={(e) => set(d.key, { sku: e.currentTarget.value })} aria-label="SKU" error={errorOf(i, 'sku')} disabled={locked} styles={lockedStyles} />
              </Table.Td>
              <Table.Td>
                <TextInput
                  size="md"
                  value={d.barcode}
                  onChange={(e) => set(d.key, { barcode: e.currentTarget.value })}
                  aria-label="Barcode"
                  disabled={locked}
                  styles={lockedStyles}
                  placeholder={locked ? 'None' : 'Scan or type'}
                  inputMode="numeric"
                  error={errorOf(i, 'barcode')}
                  rightSection={<IconBarcode size={18} color={scanTarget === d.key && !locked ? 'var(--mantine-color-brand-6)' : 'var(--mantine-color-ink-4)'} />}
                />
              </Table.Td>
              <Table.Td>
                <TextInput
                  size="md"
                  value={d.priceText}
                  onChange={(e) => set(d.key, { priceText: e.currentTarget.value })}
                  aria-label="Price"
                  disabled={locked}
                  styles={lockedStyles}
                  inputMode="decimal"
                  leftSection={<Text size="sm">{currencySymbol}</Text>}
                  error={errorOf(i, 'priceText')}
                />
              </Table.Td>
              <Table.Td>
                <Select size="md" data={classOptions} value={d.taxClass} onChange={(v) => v && set(d.key, { taxClass: v })} aria-label="Tax class" allowDeselect={false} disabled={locked} styles={lockedStyles} />
              </Table.Td>
              <Table.Td>
                <Select
                  size="md"
                  data={[
                    { value: 'each', label: 'Each' },
                    { value: 'weight', label: 'Per kg' },
                  ]}
                  value={d.soldBy}
                  onChange={(v) => (v === 'each' || v === 'weight') && set(d.key, { soldBy: v })}
                  aria-label="Sold by"
                  allowDeselect={false}
                />
              </Table.Td>
              <Table.Td>
                <Checkbox size="md" checked={d.trackStock} disabled={locked} onChange={(e) => set(d.key, { trackStock: e.currentTarget.checked })} aria-label="Track stock" />
              </Table.Td>
              <Table.Td>
                {locked ? null : d.id ? (
                  <Tooltip label={d.archived ? 'Put back on sale' : 'Stop selling (archive)'}>
                    <ActionIcon size="xl" variant="subtle" color="ink" onClick={() => set(d.key, { archived: !d.archived })} aria-label={d.archived ? 'Restore variant' : 'Archive variant'}>
                      {d.archived ? <IconArchiveOff size={20} /> : <IconArchive size={20} />}
                    </ActionIcon>
                  </Tooltip>
                ) : (
                  <ActionIcon size="xl" variant="subtle" color="red" disabled={drafts.length === 1} onClick={() => onChange(drafts.filter((x) => x.key !== d.key))} aria-label="Remove variant">
                    <IconTrash size={20} />
                  </ActionIcon>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {!locked && (
        <Group mt="xs">
          <Button variant="light" size="md" leftSection={<IconPlus size={18} />} onClick={() => onChange([...drafts, emptyDraft(drafts[0]?.taxClass ?? classOptions[0] ?? 'standard', '')])}>
            Add variant
          </Button>
        </Group>
      )}
    </>
  );
}
