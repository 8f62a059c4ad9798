import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { apiError } from '../../api/errors';
import { useTRPC, useTRPCClient } from '../../api/trpc';
import type { CartView, Inputs, Outputs } from '../../api/types';

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
  retry: { kind: 'scan'; code: string } | { kind: 'variant'; input: Inputs['cart']['addVariant'] };
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
  const trpc = useTRPC();
  const client = useTRPCClient();
  const qc = useQueryClient();
  const query = useQuery(trpc.cart.current.queryOptions());
  const [lastLineId, setLastLineId] = useState<string | null>(null);
  const [notice, setNotice] = useState<ScanNotice | null>(null);
  const [busy, setBusy] = useState(false);
  const [soldOut, setSoldOut] = useState<SoldOutQuestion | null>(null);

  const clearNotice = useCallback(() => setNotice(null), []);
  const put = useCallback((cart: CartView | null) => qc.setQueryData(trpc.cart.current.queryKey(), cart), [qc, trpc]);

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
    scan: (code: string) => run(() => client.scanners.scan.mutate({ code }), showOutcome),
    showOutcome,
    addVariant: (input: Inputs['cart']['addVariant']) => run(() => client.cart.addVariant.mutate(input), added, { kind: 'variant', input }),
    /** the open sold-out question, answered by `sellAnyway` or `dismissSoldOut` */
    soldOut,
    sellAnyway: () => {
      const r = soldOut?.retry;
      setSoldOut(null);
      if (!r) return Promise.resolve(false);
      return r.kind === 'scan'
        ? run(() => client.cart.addByScan.mutate({ code: r.code, sellAnyway: true }), added)
        : run(() => client.cart.addVariant.mutate({ ...r.input, sellAnyway: true }), added);
    },
    dismissSoldOut: () => setSoldOut(null),
    setQuantity: (lineId: string, quantity: number) =>
      run(() => client.cart.setQuantity.mutate({ lineId, quantity }), (r) => put(r.cart)),
    setWeight: (lineId: string, grams: number) => run(() => client.cart.setWeight.mutate({ lineId, grams }), (r) => put(r.cart)),
    voidLine: (lineId: string) => run(() => client.cart.voidLine.mutate({ lineId }), (r) => put(r.cart)),
    lineNote: (lineId: string, note: string) => run(() => client.cart.lineNote.mutate({ lineId, note }), (r) => put(r.cart)),
    note: (note: string) => run(() => client.cart.note.mutate({ note }), put),
    clear: (reason: string) =>
      run(
        () => client.cart.clear.mutate({ reason }),
        () => {
          put(null);
          setNotice(null);
        },
      ),
    park: (label: string) =>
      run(
        () => client.cart.park.mutate({ label }),
        (p) => {
          put(null);
          setNotice({ kind: 'added', text: `Parked ${p.label || 'the sale'} (${p.lineCount} line${p.lineCount === 1 ? '' : 's'})` });
          void qc.invalidateQueries(trpc.cart.listParked.pathFilter());
        },
      ),
    resume: (cartId: string) =>
      run(
        () => client.cart.resume.mutate({ cartId }),
        (c) => {
          put(c);
          setNotice({ kind: 'added', text: 'Sale resumed' });
          void qc.invalidateQueries(trpc.cart.listParked.pathFilter());
        },
      ),
  };
}

export type CartControls = ReturnType<typeof useCart>;
