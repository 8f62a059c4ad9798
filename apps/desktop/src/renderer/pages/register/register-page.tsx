import { Box } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { skipToken, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useEffect, useRef, useState } from 'react';
import { useTRPC } from '../../api/trpc';
import type { SaleView, SignedIn } from '../../api/types';
import { useScanHandler } from '../../app/scan-context';
import { OpenShiftModal } from '../../components/open-shift-modal';
import { useCurrency } from '../../hooks/use-currency';
import { CartPanel } from './cart-panel';
import { ProductBrowser } from './product-browser';
import { QuickAddModal } from './quick-add-modal';
import type { TileProduct } from './product-tile';
import { SaleComplete } from './sale-complete';
import { SoldOutModal } from './sold-out-modal';
import { TenderModal } from './tender-modal';
import { useCart } from './use-cart';
import { isLoyaltyCode } from './loyalty-strip';
import { useLoyaltyScan } from './use-loyalty-scan';
import { WeightModal } from './weight-modal';

/** The register: find or scan products on the left, the sale on the right, payment, then the change. */
export function RegisterPage(_: { staff: SignedIn }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const currency = useCurrency();
  const cart = useCart();
  const shift = useQuery(trpc.shifts.current.queryOptions());
  const searchRef = useRef<HTMLInputElement>(null);
  const [paying, setPaying] = useState(false);
  const [openingShift, setOpeningShift] = useState(false);
  const [completed, setCompleted] = useState<SaleView | null>(null);
  const [quickAdd, setQuickAdd] = useState<string | null>(null);
  const [weighing, setWeighing] = useState<{ variantId: string; name: string; priceCents: number } | null>(null);

  const pick = (p: TileProduct) => {
    if (p.soldBy === 'weight') setWeighing({ variantId: p.variantId, name: p.name, priceCents: p.priceCents });
    else void cart.addVariant({ variantId: p.variantId });
  };

  const loyaltyScan = useLoyaltyScan();
  useScanHandler((code) => {
    setCompleted(null);
    // a customer's loyalty card (QR from their account page) puts them on the sale instead of looking up an item
    if (isLoyaltyCode(code)) void loyaltyScan(code).then((problem) => problem && notifications.show({ color: 'red', title: 'Loyalty card', message: problem }));
    else void cart.scan(code);
  });
  // serial scanners scan by themselves (the counter adds the item); keyboard scans answer their own request
  useSubscription(
    trpc.scanners.onScan.subscriptionOptions(undefined, {
      onData: (event) => {
        if (event.source !== 'serial') return;
        setCompleted(null);
        cart.showOutcome(event.outcome);
      },
    }),
  );

  // a weighed product scanned without a scale label: ask for its weight
  const needsWeight = cart.notice?.needsWeightFor ?? null;
  const weighVariant = useQuery(trpc.catalog.byId.queryOptions(needsWeight ? { variantId: needsWeight } : skipToken));
  const { clearNotice } = cart;
  useEffect(() => {
    const v = weighVariant.data;
    if (!needsWeight || !v || v.variantId !== needsWeight) return;
    setWeighing({ variantId: v.variantId, name: v.name, priceCents: v.priceCents });
    clearNotice();
  }, [needsWeight, weighVariant.data, clearNotice]);

  const paid = (sale: SaleView) => {
    setPaying(false);
    setCompleted(sale);
    qc.setQueryData(trpc.cart.current.queryKey(), null);
    cart.clearNotice();
    // the sale changed what was sold, what is in the drawer and on the shelf, and what waits to be sent
    for (const filter of [trpc.sales.pathFilter(), trpc.shifts.pathFilter(), trpc.catalog.search.pathFilter(), trpc.inventory.pathFilter(), trpc.reports.pathFilter(), trpc.sync.pathFilter()]) {
      void qc.invalidateQueries(filter);
    }
  };

  if (completed) {
    return (
      <SaleComplete
        sale={completed}
        onNext={() => {
          setCompleted(null);
          window.setTimeout(() => searchRef.current?.focus(), 0);
        }}
      />
    );
  }

  return (
    <Box style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) clamp(420px, 34vw, 560px)', height: '100%', minHeight: 0 }}>
      <ProductBrowser currency={currency} onPick={pick} searchRef={searchRef} />
      <CartPanel
        cart={cart}
        currency={currency}
        shiftOpen={shift.data != null || shift.isPending}
        onPay={() => setPaying(true)}
        onOpenShift={() => setOpeningShift(true)}
        onQuickAdd={setQuickAdd}
      />
      {quickAdd && (
        <QuickAddModal
          code={quickAdd}
          currency={currency}
          onClose={() => setQuickAdd(null)}
          onAdded={(outcome) => {
            setQuickAdd(null);
            if (outcome) cart.showOutcome(outcome);
            void qc.invalidateQueries(trpc.catalog.pathFilter());
          }}
        />
      )}
      {paying && cart.cart && <TenderModal cart={cart.cart} currency={currency} onPaid={paid} onClose={() => setPaying(false)} />}
      {openingShift && <OpenShiftModal currency={currency} onClose={() => setOpeningShift(false)} />}
      {cart.soldOut && <SoldOutModal question={cart.soldOut} onSell={() => void cart.sellAnyway()} onCancel={cart.dismissSoldOut} />}
      {weighing && (
        <WeightModal
          name={weighing.name}
          pricePerKgCents={weighing.priceCents}
          currency={currency}
          onClose={() => setWeighing(null)}
          onAdd={(grams) => {
            setWeighing(null);
            void cart.addVariant({ variantId: weighing.variantId, grams });
          }}
        />
      )}
    </Box>
  );
}
