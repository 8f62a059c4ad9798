import { Badge, Box, Button, Group, Kbd, ScrollArea, SimpleGrid, Stack, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconAlertCircle, IconCash, IconCircleCheck, IconPlayerPlay, IconScan } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../../api/trpc';
import { money } from '../../format/money';
import { CartLineRow } from './cart-line-row';
import { CartTotals } from './cart-totals';
import { ClearSaleModal } from './clear-sale-modal';
import { CustomerStrip } from './customer-strip';
import { LoyaltyStrip } from './loyalty-strip';
import { LineEditorModal } from './line-editor-modal';
import { OrderDiscountModal } from './order-discount-modal';
import { ParkModal } from './park-modal';
import { ParkedModal } from './parked-modal';
import { PromoCodeModal } from './promo-code-modal';
import { PromoStrip } from './promo-strip';
import { SaleNoteModal } from './sale-note-modal';
import type { CartControls } from './use-cart';

type Dialog = { kind: 'line'; lineId: string } | { kind: 'discount' | 'promo' | 'note' | 'park' | 'parked' | 'clear' } | null;

interface Props {
  cart: CartControls;
  currency: string;
  shiftOpen: boolean;
  onPay: () => void;
  onOpenShift: () => void;
  /** a scanned code the catalog does not know: add it as a product */
  onQuickAdd: (code: string) => void;
}

/** The sale in progress: what was scanned, the totals, and the way to payment (F12). */
export function CartPanel({ cart, currency, shiftOpen, onPay, onOpenShift, onQuickAdd }: Props) {
  const trpc = useTRPC();
  const [dialog, setDialog] = useState<Dialog>(null);
  const parked = useQuery(trpc.cart.listParked.queryOptions());
  const view = cart.cart;
  const lines = view?.lines ?? [];
  const empty = lines.length === 0;
  const canPay = !empty && shiftOpen && !cart.busy;
  useHotkeys(
    [
      ['F12', () => (shiftOpen ? canPay && onPay() : onOpenShift())],
      ['F9', () => !empty && setDialog({ kind: 'park' })],
    ],
    [],
  );
  const editing = dialog?.kind === 'line' ? lines.find((l) => l.id === dialog.lineId) : undefined;
  const notice = cart.notice;

  return (
    <Box style={{ display: 'flex', flexDirection: 'column', minHeight: 0, height: '100%', background: 'white', borderLeft: '1px solid var(--mantine-color-ink-2)' }}>
      <Group justify="space-between" px="md" h={56} style={{ flexShrink: 0, borderBottom: '1px solid var(--mantine-color-ink-1)' }}>
        <Group gap="xs">
          <Text fw={700} size="lg">
            Current sale
          </Text>
          {!empty && (
            <Badge variant="light" color="ink" size="lg">
              {lines.length} line{lines.length === 1 ? '' : 's'}
            </Badge>
          )}
        </Group>
        <Button
          size="md"
          variant="subtle"
          leftSection={<IconPlayerPlay size={18} />}
          onClick={() => setDialog({ kind: 'parked' })}
          rightSection={parked.data?.length ? <Badge circle>{parked.data.length}</Badge> : null}
        >
          Parked
        </Button>
      </Group>
      {/* one fixed-height line for scan feedback, so the list below never jumps */}
      <Group gap={8} px="md" h={40} wrap="nowrap" style={{ flexShrink: 0, background: notice?.kind === 'error' ? 'var(--mantine-color-red-0)' : notice ? 'var(--mantine-color-brand-0)' : undefined }} role="status" data-testid="scan-notice">
        {notice?.kind === 'error' ? <IconAlertCircle size={20} color="var(--mantine-color-red-8)" /> : notice ? <IconCircleCheck size={20} color="var(--mantine-color-brand-8)" /> : <IconScan size={20} color="var(--mantine-color-ink-5)" />}
        <Text size="sm" fw={600} c={notice?.kind === 'error' ? 'red.9' : notice ? 'brand.9' : 'ink.6'} truncate title={notice?.text} style={{ flex: 1 }}>
          {notice?.text ?? 'Ready to scan'}
        </Text>
        {notice?.quickAddCode && (
          <Button size="compact-sm" color="red" variant="light" onClick={() => onQuickAdd(notice.quickAddCode ?? '')} style={{ flexShrink: 0 }}>
            Add product…
          </Button>
        )}
      </Group>
      {!shiftOpen && (
        <Group justify="space-between" wrap="nowrap" px="md" py="xs" gap="sm" style={{ flexShrink: 0, background: 'var(--mantine-color-orange-0)', borderBottom: '1px solid var(--mantine-color-orange-2)' }}>
          <Group gap={8} wrap="nowrap">
            <IconCash size={22} color="var(--mantine-color-orange-8)" />
            <Box>
              <Text fw={700} size="sm" c="orange.9">
                The till is not open
              </Text>
              <Text size="xs" c="orange.9">
                Count the float to take payments.
              </Text>
            </Box>
          </Group>
          <Button size="md" color="orange" onClick={onOpenShift} style={{ flexShrink: 0 }}>
            Open till
          </Button>
        </Group>
      )}
      <ScrollArea style={{ flex: 1, minHeight: 0 }} type="auto">
        {empty ? (
          <Stack align="center" justify="center" h={200} gap="xs" c="ink.5">
            <IconScan size={56} stroke={1.3} />
            <Text size="lg" fw={600} c="ink.7">
              Scan an item or tap a product
            </Text>
            <Text size="sm" c="ink.6">
              The sale starts with the first item.
            </Text>
          </Stack>
        ) : (
          lines.map((l) => (
            <CartLineRow
              key={l.id === cart.lastLineId ? `${l.id}-${l.quantity}` : l.id}
              line={l}
              currency={currency}
              fresh={l.id === cart.lastLineId}
              onOpen={() => setDialog({ kind: 'line', lineId: l.id })}
            />
          ))
        )}
        {view?.note && (
          <Text px="md" py="xs" size="sm" fs="italic" c="ink.8">
            Note: {view.note}
          </Text>
        )}
      </ScrollArea>
      <CustomerStrip disabled={empty} cartId={view?.id ?? null} customerId={view?.customerId ?? null} />
      <LoyaltyStrip cartId={view?.id ?? null} customerId={view?.customerId ?? null} totalCents={view?.totals.totalCents ?? 0} currency={currency} />
      <PromoStrip promo={view?.promo ?? null} currency={currency} />
      <CartTotals cart={view} currency={currency} />
      <Stack gap={8} p="md" pt={0} style={{ flexShrink: 0, background: 'var(--mantine-color-ink-0)' }}>
        <SimpleGrid cols={5} spacing={8}>
          <Button variant="default" size="md" h={48} px={2} fz="sm" disabled={empty} onClick={() => setDialog({ kind: 'discount' })}>
            Discount
          </Button>
          <Button variant="default" size="md" h={48} px={2} fz="sm" disabled={empty} onClick={() => setDialog({ kind: 'promo' })} data-testid="promo-code-button">
            Promo
          </Button>
          <Button variant="default" size="md" h={48} px={2} fz="sm" disabled={empty} onClick={() => setDialog({ kind: 'note' })}>
            Note
          </Button>
          <Button variant="default" size="md" h={48} px={2} fz="sm" disabled={empty} onClick={() => setDialog({ kind: 'park' })}>
            Park
          </Button>
          <Button variant="default" color="red" size="md" h={48} px={2} fz="sm" disabled={empty} onClick={() => setDialog({ kind: 'clear' })}>
            Void
          </Button>
        </SimpleGrid>
        <Button size="xl" h={72} fz={24} disabled={!canPay} onClick={onPay} rightSection={<Kbd>F12</Kbd>} data-testid="pay-button">
          {empty ? 'Pay' : `Pay ${money(view?.totals.totalCents ?? 0, currency)}`}
        </Button>
      </Stack>
      {editing && <LineEditorModal line={editing} currency={currency} cart={cart} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'discount' && view && <OrderDiscountModal cart={view} currency={currency} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'promo' && <PromoCodeModal onClose={() => setDialog(null)} />}
      {dialog?.kind === 'note' && <SaleNoteModal initial={view?.note ?? ''} cart={cart} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'park' && <ParkModal cart={cart} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'parked' && <ParkedModal cart={cart} currency={currency} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'clear' && <ClearSaleModal cart={cart} onClose={() => setDialog(null)} />}
    </Box>
  );
}
