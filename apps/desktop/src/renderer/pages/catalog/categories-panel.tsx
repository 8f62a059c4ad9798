import { Alert, Badge, Button, Group, NumberInput, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPCClient } from '../../api/trpc';
import type { CatalogCategory } from './catalog-types';
import { useCatalogWrite } from './use-catalog-write';

interface Row {
  id?: string;
  name: string;
  sort: number;
}

function CategoryForm({ initial, onDone }: { initial: Row; onDone: () => void }) {
  const client = useTRPCClient();
  const write = useCatalogWrite();
  const [name, setName] = useState(initial.name);
  const [sort, setSort] = useState<number>(initial.sort);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    setError(null);
    try {
      const done = await write('change categories', (approval) => client.catalogEdit.saveCategory.mutate({ ...(initial.id ? { id: initial.id } : {}), name, sort, ...(approval ? { approval } : {}) }));
      if (done) onDone();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <Stack gap="xs">
      <Group align="flex-end">
        <TextInput size="md" label="Category name" value={name} onChange={(e) => setName(e.currentTarget.value)} onKeyDown={(e) => e.key === 'Enter' && void save()} data-autofocus style={{ flex: 1 }} />
        <NumberInput size="md" label="Order" value={sort} onChange={(v) => setSort(typeof v === 'number' ? v : 0)} min={0} max={100000} w={110} />
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

/**
 * The shop's own categories (add, rename; the web address stays the same) beside the marketplace's, which are
 * picked for products but only changed by the marketplace: they are listed read-only.
 */
export function CategoriesPanel({ categories }: { categories: CatalogCategory[] }) {
  const [editing, setEditing] = useState<Row | null>(null);
  return (
    <Stack gap="md" maw={760}>
      <Group justify="space-between">
        <Text c="ink.7">Marketplace categories are shared by every shop and can only be picked. Your own categories group your products at the till and on your shop page.</Text>
        <Button size="md" leftSection={<IconPlus size={18} />} onClick={() => setEditing({ name: '', sort: 0 })}>
          New category
        </Button>
      </Group>
      {editing && !editing.id && <CategoryForm initial={editing} onDone={() => setEditing(null)} />}
      <Table verticalSpacing="sm" highlightOnHover data-testid="category-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Web address</Table.Th>
            <Table.Th ta="right">Your products</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {categories.map((c) =>
            editing?.id === c.id ? (
              <Table.Tr key={c.id}>
                <Table.Td colSpan={3}>
                  <CategoryForm initial={editing} onDone={() => setEditing(null)} />
                </Table.Td>
              </Table.Tr>
            ) : c.marketplace ? (
              <Table.Tr key={c.id} data-marketplace="true">
                <Table.Td fw={600}>
                  <Group gap="xs">
                    {c.name}
                    <Badge variant="light" color="gray">
                      Marketplace
                    </Badge>
                  </Group>
                </Table.Td>
                <Table.Td c="ink.7">/{c.slug}</Table.Td>
                <Table.Td ta="right">{c.productCount}</Table.Td>
              </Table.Tr>
            ) : (
              <Table.Tr key={c.id} onClick={() => setEditing({ id: c.id, name: c.name, sort: c.sort })} style={{ cursor: 'pointer' }} tabIndex={0} onKeyDown={(e) => e.key === 'Enter' && setEditing({ id: c.id, name: c.name, sort: c.sort })}>
                <Table.Td fw={600}>{c.name}</Table.Td>
                <Table.Td c="ink.7">/{c.slug}</Table.Td>
                <Table.Td ta="right">{c.productCount}</Table.Td>
              </Table.Tr>
            ),
          )}
          {categories.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={3}>
                <Text c="ink.7">No categories yet.</Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
