import { ActionIcon, Table, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { itemTitle, type StockItem } from './stock-item';

export interface ItemColumn<R> {
  label: string;
  align?: 'left' | 'right' | 'center';
  width?: number;
  cell: (row: R) => ReactNode;
}

/** The list of products being received or counted: name and SKU first, then the screen's own columns. */
export function ItemTable<R extends { item: StockItem }>({ rows, columns, onRemove }: { rows: R[]; columns: ItemColumn<R>[]; onRemove: (variantId: string) => void }) {
  return (
    <Table verticalSpacing="xs" horizontalSpacing="md" striped={false} highlightOnHover data-testid="stock-rows">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Product</Table.Th>
          {columns.map((c) => (
            <Table.Th key={c.label} ta={c.align ?? 'right'} w={c.width}>
              {c.label}
            </Table.Th>
          ))}
          <Table.Th w={56} />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.item.variantId} data-testid="stock-row">
            <Table.Td>
              <Text fw={600} lh={1.2}>
                {itemTitle(r.item)}
              </Text>
              <Text size="sm" c="ink.7">
                {r.item.sku}
              </Text>
            </Table.Td>
            {columns.map((c) => (
              <Table.Td key={c.label} ta={c.align ?? 'right'} className="tabular">
                {c.cell(r)}
              </Table.Td>
            ))}
            <Table.Td>
              <ActionIcon variant="subtle" color="red" aria-label={`Remove ${itemTitle(r.item)}`} onClick={() => onRemove(r.item.variantId)}>
                <IconTrash size={20} />
              </ActionIcon>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
