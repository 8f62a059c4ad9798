import { Group, Text } from '@mantine/core';
import { IconMail, IconUser } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../api/trpc';

/** Who the sale was for, and where its receipt was emailed; nothing when it was nobody in particular. */
export function SaleCustomerLine({ saleId }: { saleId: string }) {
  const trpc = useTRPC();
  const who = useQuery(trpc.customers.forSale.queryOptions({ saleId }));
  const emails = useQuery(trpc.customers.receiptEmails.queryOptions({ saleId }));
  const last = emails.data?.[0];
  if (!who.data?.name && !last) return null;
  return (
    <Group gap="md" mt={4} data-testid="sale-customer">
      {who.data?.name && (
        <Group gap={6}>
          <IconUser size={18} />
          <Text fw={600}>{who.data.name}</Text>
        </Group>
      )}
      {last && (
        <Group gap={6} c="ink.8">
          <IconMail size={18} />
          <Text size="sm">
            Receipt emailed to {last.to}
            {last.status === 'pending' ? ' (waiting to send)' : last.status === 'rejected' ? ' (refused)' : ''}
          </Text>
        </Group>
      )}
    </Group>
  );
}
