import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { apiError } from '../../api/errors';
import { apiQuery, callMutation, queryKeyOf } from '../../api/hooks';
import type { CartView, InputOf, Outputs } from '../../api/types';

type SoldOutSignal = { variantId: string; name: string; available: number; policy: 'warn' | 'block' | 'allow'; canSellAnyway: boolean; offline: boolean };

export interface ScanNotice {
  kind: 'added' | 'error';
  text: string;
  /** a weighed product scanned without a scale label: ask for its weight */
  needsWeightFor?: string;
  /** a code the catalog does not know, which staff may add as a product on the spot */
  quickAddCode?: string;
}

export type ScanOutcome = Outputs['scanners']['scan'];

/** The counter believes the item is sold out: ask "sell anyway?" (or say why not), then retry with the answer. */
export interface SoldOutQuestion {
  /** the counter's words, e.g. "Butter Croissant: 0 in stock — sell anyway?" */
  message: string;
  signal: SoldOutSignal;
  retry: { kind: 'scan'; code: string } | { kind: 'variant'; input: InputOf<'cart.addVariant'> };
}

/** details.soldOut of an OUT_OF_STOCK answer (cart/sold-out.ts in the core). */
function soldOutSignal(details: Record<string, unknown> | undefined): SoldOutSignal | null {
  const s = details?.soldOut;
  return s && typeof s === 'object' && typeof (s as SoldOutSignal).canSellAnyway === 'boolean' ? (s as SoldOutSignal) : null;
}

/**
 * The open sale and every change to it. Each change answers with the new cart, which goes straight into the
 * cache, so the screen updates from one round trip to this machine's counter and never jumps.
 */
export function useCart() {
  const qc = useQueryClient();
  const query = useQuery(apiQuery('cart.current'));
  const [lastLineId, setLastLineId] = useState<string | null>(null);
  const [notice, setNotice] = useState<ScanNotice | null>(null);
  const [busy, setBusy] = useState(false);
  const [soldOut, setSoldOut] = useState<SoldOutQuestion | null>(null);

  const clearNotice = useCallback(() => setNotice(null), []);
  const put = useCallback((cart: CartView | null) => qc.setQueryData(queryKeyOf('cart.current'), cart), [qc]);

  /** Runs one change; an error becomes the notice under the search box instead of a thrown exception. */
  const run = useCallback(
    async <T,>(fn: () => Promise<T>, onOk: (r: T) => void, retry?: SoldOutQuestion['retry']): Promise<boolean> => {
      setBusy(true);
      try {
        onOk(await fn());
        return true;
      } catch (e) {
        const info = apiError(e);
        const signal = soldOutSignal(info.details);
        if (signal && retry) {
          setSoldOut({ message: info.message, signal, retry });
          setNotice(null);
          return false;
        }
        setNotice({
          kind: 'error',
          text: info.message,
          ...(info.details.needsWeight === true && typeof info.details.variantId === 'string' ? { needsWeightFor: info.details.variantId } : {}),
        });
        return false;
      } finally {
        setBusy(false);
      }
    },
    [],
  );

  const added = useCallback(
    (r: { lineId: string; cart: CartView }) => {
      put(r.cart);
      setLastLineId(r.lineId);
      const line = r.cart.lines.find((l) => l.id === r.lineId);
      setNotice(line ? { kind: 'added', text: `Added ${line.name}${line.variantName ? ` (${line.variantName})` : ''}` } : null);
    },
    [put],
  );

  /** What a scan did (keyboard wedge, serial scanner or quick-add): the new cart, or why not, in words. */
  const showOutcome = useCallback(
    (o: ScanOutcome) => {
      switch (o.status) {
        case 'added':
          added({ lineId: o.lineId, cart: o.cart });
          break;
        case 'invalid':
          setNotice({ kind: 'error', text: o.error.message });
          break;
        case 'unknown':
          setNotice({ kind: 'error', text: o.message, ...(o.canQuickAdd ? { quickAddCode: o.code } : {}) });
          break;
        case 'refused': {
          const d = o.error.details ?? {};
          const signal = soldOutSignal(d);
          if (signal) {
            setSoldOut({ message: o.error.message, signal, retry: { kind: 'scan', code: o.code } });
            setNotice(null);
            break;
          }
          setNotice({
            kind: 'error',
            text: o.error.message,
            ...(d.needsWeight === true && typeof d.variantId === 'string' ? { needsWeightFor: d.variantId } : {}),
          });
          break;
        }
      }
    },
    [added],
  );

  return {
    cart: query.data ?? null,
    query,
    busy,
    lastLineId,
    notice,
    clearNotice,
    put,
    /** a keyboard-wedge scan: the counter's scan pipeline answers with an outcome, never an error */
    scan: (code: string) => run(() => callMutation('scanners.scan', { code }), showOutcome),
    showOutcome,
    addVariant: (input: InputOf<'cart.addVariant'>) => run(() => callMutation('cart.addVariant', input), added, { kind: 'variant', input }),
    /** the open sold-out question, answered by `sellAnyway` or `dismissSoldOut` */
    soldOut,
    sellAnyway: () => {
      const r = soldOut?.retry;
      setSoldOut(null);
      if (!r) return Promise.resolve(false);
      return r.kind === 'scan'
        ? run(() => callMutation('cart.addByScan', { code: r.code, sellAnyway: true }), added)
        : run(() => callMutation('cart.addVariant', { ...r.input, sellAnyway: true }), added);
    },
    dismissSoldOut: () => setSoldOut(null),
    setQuantity: (lineId: string, quantity: number) =>
      run(() => callMutation('cart.setQuantity', { lineId, quantity }), (r) => put(r.cart)),
    setWeight: (lineId: string, grams: number) => run(() => callMutation('cart.setWeight', { lineId, grams }), (r) => put(r.cart)),
    voidLine: (lineId: string) => run(() => callMutation('cart.voidLine', { lineId }), (r) => put(r.cart)),
    lineNote: (lineId: string, note: string) => run(() => callMutation('cart.lineNote', { lineId, note }), (r) => put(r.cart)),
    note: (note: string) => run(() => callMutation('cart.note', { note }), put),
    clear: (reason: string) =>
      run(
        () => callMutation('cart.clear', { reason }),
        () => {
          put(null);
          setNotice(null);
        },
      ),
    park: (label: string) =>
      run(
        () => callMutation('cart.park', { label }),
        (p) => {
          put(null);
          setNotice({ kind: 'added', text: `Parked ${p.label || 'the sale'} (${p.lineCount} line${p.lineCount === 1 ? '' : 's'})` });
          void qc.invalidateQueries({ queryKey: ['cart', 'listParked'] });
        },
      ),
    resume: (cartId: string) =>
      run(
        () => callMutation('cart.resume', { cartId }),
        (c) => {
          put(c);
          setNotice({ kind: 'added', text: 'Sale resumed' });
          void qc.invalidateQueries({ queryKey: ['cart', 'listParked'] });
        },
      ),
  };
}

export type CartControls = ReturnType<typeof useCart>;
