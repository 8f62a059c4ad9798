import { Box } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { apiQuery, queryKeyOf, useApiSubscription } from '../../api/hooks';
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
import { WeightModal } from './weight-modal';

const NO_ID = '00000000-0000-7000-8000-000000000000';

/** The register: find or scan products on the left, the sale on the right, payment, then the change. */
export function RegisterPage(_: { staff: SignedIn }) {
  const qc = useQueryClient();
  const currency = useCurrency();
  const cart = useCart();
  const shift = useQuery(apiQuery('shifts.current'));
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

  useScanHandler((code) => {
    setCompleted(null);
    void cart.scan(code);
  });
  // serial scanners scan by themselves (the counter adds the item); keyboard scans answer their own request
  useApiSubscription('scanners.onScan', undefined, {
    onData: (event) => {
      if (event.source !== 'serial') return;
      setCompleted(null);
      cart.showOutcome(event.outcome);
    },
  });

  // a weighed product scanned without a scale label: ask for its weight
  const needsWeight = cart.notice?.needsWeightFor ?? null;
  const weighVariant = useQuery({ ...apiQuery('catalog.byId', { variantId: needsWeight ?? NO_ID }), enabled: needsWeight !== null });
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
    qc.setQueryData(queryKeyOf('cart.current'), null);
    cart.clearNotice();
    for (const key of [['sales'], ['shifts'], ['catalog', 'search'], ['sync']]) void qc.invalidateQueries({ queryKey: key });
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
            void qc.invalidateQueries({ queryKey: ['catalog'] });
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
