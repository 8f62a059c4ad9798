import { Alert, Anchor, Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReorderResult } from '@makeries/shared';
import { IconRepeat } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { failureOf, useTRPC } from '../app/api';
import { addReorderLines } from '../lib/cart/reorder';
import { updateCart } from '../lib/cart/store';
import { money, quantityLabel } from '../lib/format';

/**
 * "Order this again": asks the server for the order's lines at today's prices and stock, puts what can be bought in
 * the cart, and says plainly what changed (a new price, less left) and what could not be added, and why.
 */
export function ReorderButton({ orderId, trackingToken, label }: { orderId: string; trackingToken?: string; label: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ReorderResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run() {
    setBusy(true);
    setError(null);
    try {
      const r = await queryClient.query({ ...trpc.reorder.fromOrder.queryOptions({ orderId, ...(trackingToken ? { trackingToken } : {}) }), staleTime: 0 });
      updateCart((cart) => addReorderLines(cart, r.added));
      setResult(r);
    } catch (e) {
      setError(failureOf(e).message || 'Could not build the cart. Check your connection and try again.');
    }
    setBusy(false);
  }

  return (
    <>
      <Button variant="light" size="sm" leftSection={<IconRepeat size={16} aria-hidden />} loading={busy} onClick={() => void run()} aria-label={label}>
        Order this again
      </Button>
      {error && (
        <Text size="sm" c="red.8" role="alert" mt={4}>
          {error}
        </Text>
      )}
      <Modal opened={result !== null} onClose={() => setResult(null)} title={result && result.added.length > 0 ? 'Added to your cart' : 'Nothing could be added'} centered size="md">
        {result && <ReorderSummary result={result} onClose={() => setResult(null)} />}
      </Modal>
    </>
  );
}

function ReorderSummary({ result, onClose }: { result: ReorderResult; onClose: () => void }) {
  return (
    <Stack gap="md" data-testid="reorder-summary">
      {result.added.length > 0 && (
        <Stack gap={8} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {result.added.map((l) => (
            <li key={l.variantId}>
              <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
                <Text size="sm" style={{ minWidth: 0 }}>
                  {`${l.soldBy === 'weight' ? quantityLabel(l.quantity, 'weight') : `${l.quantity} ×`} ${l.productName}${l.variantName !== 'Default' ? ` (${l.variantName})` : ''}`}
                  <Text span size="xs" c="dimmed" display="block">
                    {l.vendorName}
                  </Text>
                </Text>
                <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                  {money(l.unitPriceCents, l.currency)}
                  {l.soldBy === 'weight' ? '/kg' : ''}
                </Text>
              </Group>
              {l.note && (
                <Text size="sm" fw={600} c="orange.9">
                  {l.note}
                </Text>
              )}
            </li>
          ))}
        </Stack>
      )}
      {result.skipped.length > 0 && (
        <Alert color="red" variant="light" title="Not added">
          <Stack gap={4} component="ul" style={{ paddingLeft: 18, margin: 0 }}>
            {result.skipped.map((s, i) => (
              <li key={`${s.variantId ?? s.name}-${i}`}>
                <Text size="sm">
                  {s.message}{' '}
                  {s.reason === 'sold_out' && s.productId && (
                    <Anchor component={Link} to={`/p/${s.productId}`} size="sm" fw={600}>
                      Tell me when it’s back
                    </Anchor>
                  )}
                </Text>
              </li>
            ))}
          </Stack>
        </Alert>
      )}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onClose}>
          Keep looking
        </Button>
        {result.added.length > 0 && (
          <Button component={Link} to="/cart">
            Go to cart
          </Button>
        )}
      </Group>
    </Stack>
  );
}
