import { Alert, Badge, Button, FileButton, Group, Modal, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { IconFileImport, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPCClient } from '../../api/trpc';
import { money } from '../../format/money';
import type { ImportPreview } from './catalog-types';
import { useCatalogWrite } from './use-catalog-write';

const ACTION: Record<ImportPreview['rows'][number]['action'], { label: string; color: string }> = {
  create: { label: 'New', color: 'green' },
  update: { label: 'Update', color: 'blue' },
  unchanged: { label: 'No change', color: 'gray' },
  error: { label: 'Problem', color: 'red' },
};

/**
 * CSV import in two steps: pick a file → the counter checks every row and shows what it would create or update
 * (matched by SKU) → apply, all rows in one go or none. The file is read here and its text sent to the counter.
 */
export function CsvImportModal({ currency, onClose }: { currency: string; onClose: () => void }) {
  const client = useTRPCClient();
  const write = useCatalogWrite();
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const pick = async (f: File | null) => {
    if (!f) return;
    setError(null);
    setPreview(null);
    setDone(null);
    setBusy(true);
    try {
      const text = await f.text();
      setFile({ name: f.name, text });
      setPreview(await client.catalogEdit.previewImport.mutate({ text }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const apply = async () => {
    if (!file) return;
    setError(null);
    setBusy(true);
    try {
      const result = await write('import the catalog', (approval) => client.catalogEdit.applyImport.mutate({ text: file.text, ...(approval ? { approval } : {}) }));
      if (result) {
        const c = result.preview.counts;
        setDone(`Imported: ${c.create} new, ${c.update} updated. The changes go to the marketplace with the next sync.`);
        setPreview(null);
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const c = preview?.counts;
  const changes = c ? c.create + c.update : 0;
  return (
    <Modal opened onClose={onClose} size={1000} title={<Text fw={700} size="lg">Import products from a CSV file</Text>}>
      <Stack gap="md">
        <Text c="ink.7">
          Columns: product, variant, sku, barcode, price, category, tax_class, online. Rows are matched by SKU: a known SKU updates that item, a new one is added. Stock
          levels are not imported (use Stock → Count).
        </Text>
        <Group>
          <FileButton onChange={(f) => void pick(f)} accept=".csv,text/csv">
            {(props) => (
              <Button {...props} size="lg" variant={preview ? 'default' : 'filled'} leftSection={<IconUpload size={20} />} loading={busy && !preview}>
                {file ? 'Choose another file' : 'Choose a CSV file'}
              </Button>
            )}
          </FileButton>
          {file && <Text fw={600}>{file.name}</Text>}
        </Group>
        {error && (
          <Alert color="red" title="Not imported">
            {error}
          </Alert>
        )}
        {done && (
          <Alert color="green" data-testid="import-done">
            {done}
          </Alert>
        )}
        {preview && c && (
          <>
            <Group gap="xs" data-testid="import-summary">
              <Badge size="lg" color="green" variant="light">{`${c.create} new`}</Badge>
              <Badge size="lg" color="blue" variant="light">{`${c.update} to update`}</Badge>
              <Badge size="lg" color="gray" variant="light">{`${c.unchanged} unchanged`}</Badge>
              {c.error > 0 && <Badge size="lg" color="red">{`${c.error} with problems`}</Badge>}
            </Group>
            <ScrollArea.Autosize mah={380}>
              <Table verticalSpacing={6} stickyHeader data-testid="import-preview">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={60}>Line</Table.Th>
                    <Table.Th>Product</Table.Th>
                    <Table.Th>SKU</Table.Th>
                    <Table.Th ta="right">Price</Table.Th>
                    <Table.Th>What happens</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.rows.map((r) => (
                    <Table.Tr key={r.line} bg={r.action === 'error' ? 'var(--mantine-color-red-0)' : undefined}>
                      <Table.Td>{r.line}</Table.Td>
                      <Table.Td>
                        <Text fw={600}>{r.product || '—'}</Text>
                        {r.variant !== 'Default' && <Text size="sm" c="ink.7">{r.variant}</Text>}
                      </Table.Td>
                      <Table.Td>{r.sku}</Table.Td>
                      <Table.Td ta="right">{r.priceCents === null ? '—' : money(r.priceCents, currency)}</Table.Td>
                      <Table.Td>
                        <Badge color={ACTION[r.action].color} variant={r.action === 'error' ? 'filled' : 'light'}>
                          {ACTION[r.action].label}
                        </Badge>
                        {r.errors.map((m) => (
                          <Text key={m} size="sm" c="red.8">
                            {m}
                          </Text>
                        ))}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea.Autosize>
            <Group justify="space-between" wrap="nowrap" align="center">
              <Text c={c.error > 0 ? 'red.8' : 'ink.7'} style={{ flex: 1 }}>
                {c.error > 0 ? 'Fix the rows with problems in the file and choose it again. Nothing is imported until every row is right.' : changes === 0 ? 'Nothing to change: the catalog already matches this file.' : ''}
              </Text>
              <Button size="lg" leftSection={<IconFileImport size={20} />} disabled={c.error > 0 || changes === 0} loading={busy} onClick={() => void apply()} data-testid="import-apply">
                {`Import ${changes} item${changes === 1 ? '' : 's'}`}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}
