import { Alert, Button, Group, NumberInput, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPCClient } from '../../api/trpc';
import type { CatalogTaxRate } from './catalog-types';
import { useCatalogWrite } from './use-catalog-write';

interface Row {
  id?: string;
  taxClass: string;
  name: string;
  /** percent as typed (20 = 20%) */
  percent: number;
}

const percentOf = (bps: number) => bps / 100;

function RateForm({ initial, onDone }: { initial: Row; onDone: () => void }) {
  const client = useTRPCClient();
  const write = useCatalogWrite();
  const [row, setRow] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    setError(null);
    try {
      // basis points are whole numbers: 12.5% → 1250
      const rateBps = Math.round(row.percent * 100);
      const done = await write('change tax rates', (approval) =>
        client.catalogEdit.saveTaxRate.mutate({ ...(row.id ? { id: row.id } : {}), taxClass: row.taxClass.trim(), name: row.name, rateBps, ...(approval ? { approval } : {}) }),
      );
      if (done) onDone();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <Stack gap="xs">
      <Group align="flex-end">
        <TextInput size="md" label="Tax class" description="e.g. standard, reduced, zero" value={row.taxClass} onChange={(e) => setRow({ ...row, taxClass: e.currentTarget.value })} data-autofocus w={200} />
        <TextInput size="md" label="Name on receipts" value={row.name} onChange={(e) => setRow({ ...row, name: e.currentTarget.value })} style={{ flex: 1 }} />
        <NumberInput size="md" label="Rate" suffix=" %" decimalScale={2} min={0} max={100} value={row.percent} onChange={(v) => setRow({ ...row, percent: typeof v === 'number' ? v : 0 })} w={120} />
        <Button size="md" onClick={() => void save()}>
          Save
        </Button>
        <Button size="md" variant="default" onClick={onDone}>
          Cancel
        </Button>
      </Group>
      {error && <Alert color="red">{error}</Alert>}
    </Stack>
  );
}

/** The shop's tax rates; every rate of a variant's class applies to it. */
export function TaxRatesPanel({ rates }: { rates: CatalogTaxRate[] }) {
  const [editing, setEditing] = useState<Row | null>(null);
  const open = (r: CatalogTaxRate) => setEditing({ id: r.id, taxClass: r.taxClass, name: r.name, percent: percentOf(r.rateBps) });
  return (
    <Stack gap="md" maw={900}>
      <Group justify="space-between">
        <Text c="ink.7">A product’s tax class picks every rate of that class. Changes apply to new sales only.</Text>
        <Button size="md" leftSection={<IconPlus size={18} />} onClick={() => setEditing({ taxClass: 'standard', name: '', percent: 0 })}>
          New tax rate
        </Button>
      </Group>
      {editing && !editing.id && <RateForm initial={editing} onDone={() => setEditing(null)} />}
      <Table verticalSpacing="sm" highlightOnHover data-testid="tax-rate-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Class</Table.Th>
            <Table.Th>Name</Table.Th>
            <Table.Th ta="right">Rate</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rates.map((r) =>
            editing?.id === r.id ? (
              <Table.Tr key={r.id}>
                <Table.Td colSpan={3}>
                  <RateForm initial={editing} onDone={() => setEditing(null)} />
                </Table.Td>
              </Table.Tr>
            ) : (
              <Table.Tr key={r.id} onClick={() => open(r)} style={{ cursor: 'pointer' }} tabIndex={0} onKeyDown={(e) => e.key === 'Enter' && open(r)}>
                <Table.Td fw={600}>{r.taxClass}</Table.Td>
                <Table.Td>{r.name}</Table.Td>
                <Table.Td ta="right">{percentOf(r.rateBps)}%</Table.Td>
              </Table.Tr>
            ),
          )}
          {rates.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={3}>
                <Text c="ink.7">No tax rates yet: sales are not taxed until you add one.</Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
