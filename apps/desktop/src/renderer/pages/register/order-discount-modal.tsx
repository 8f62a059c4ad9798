import { Modal, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPC, useTRPCClient } from '../../api/trpc';
import type { CartView } from '../../api/types';
import { useApproval } from '../../app/approval';
import { DiscountForm, type Discount } from '../../components/discount-form';

/** A discount on the whole sale, spread over the lines by the counter; above the limit a manager approves. */
export function OrderDiscountModal({ cart, currency, onClose }: { cart: CartView; currency: string; onClose: () => void }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const qc = useQueryClient();
  const withApproval = useApproval();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const base = cart.totals.subtotalCents - cart.lines.reduce((s, l) => s + l.totals.lineDiscountCents, 0);

  const apply = async (discount: Discount | null) => {
    setBusy(true);
    setError(null);
    try {
      const view = await withApproval('give this discount', (approval) => client.cart.orderDiscount.mutate({ discount, ...(approval ? { approval } : {}) }));
      if (view) {
        qc.setQueryData(trpc.cart.current.queryKey(), view);
        onClose();
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} size="md" title={<Text fw={700} size="xl">Discount the whole sale</Text>}>
      <DiscountForm baseCents={base} currency={currency} current={cart.discount} busy={busy} onApply={(d) => void apply(d)} />
      {error && (
        <Text c="red.8" fw={600} mt="md" role="alert">
          {error}
        </Text>
      )}
    </Modal>
  );
}
