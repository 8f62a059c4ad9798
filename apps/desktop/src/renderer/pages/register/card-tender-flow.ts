import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPC, useTRPCClient } from '../../api/trpc';
import type { Outputs } from '../../api/types';

export type CardAttempt = Outputs['payments']['start'];
export type CardReaderInfo = Outputs['payments']['availability']['readers'][number];

const POLL_MS = 1_000;
const READER_KEY = 'makeries.cardReader';

export const inProgress = (a: CardAttempt | null): boolean => a !== null && (a.status === 'starting' || a.status === 'waiting');

/** The reader this register used last, if it is still registered; otherwise the first one online. */
function pickReader(readers: readonly CardReaderInfo[], saved: string | null): CardReaderInfo | null {
  return readers.find((r) => r.id === saved) ?? readers.find((r) => r.status === 'online') ?? readers[0] ?? null;
}

function savedReader(): string | null {
  try {
    return window.localStorage.getItem(READER_KEY);
  } catch {
    return null;
  }
}

/**
 * The "Card (reader)" tender: availability, the attempt on screen (resumed after a restart), polling while the
 * customer presents their card, cancel and refund-to-card. Payments taken come back from the counter (`current`).
 */
export function useCardTender(onTaken: (attempt: CardAttempt) => void) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const qc = useQueryClient();
  const availability = useQuery(trpc.payments.availability.queryOptions(undefined, { staleTime: 0, retry: false }));
  const current = useQuery(trpc.payments.current.queryOptions(undefined, { staleTime: 0 }));
  const [shown, setShown] = useState<CardAttempt | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [readerId, setReaderId] = useState<string | null>(savedReader);

  const readers = availability.data?.readers ?? [];
  const reader = pickReader(readers, readerId);
  const active = current.data?.active ?? null;
  // after a restart (or the dialog reopening) the payment still on the reader is shown again and followed
  useEffect(() => {
    if (active && shown === null) setShown(active);
  }, [active, shown]);

  const refresh = useCallback(() => qc.invalidateQueries(trpc.payments.current.pathFilter()), [qc, trpc]);

  const land = useCallback(
    (a: CardAttempt) => {
      setShown(a);
      if (!inProgress(a)) void refresh();
      if (a.status === 'succeeded') onTaken(a);
    },
    [onTaken, refresh],
  );

  const shownId = shown?.id ?? null;
  const following = inProgress(shown);
  useEffect(() => {
    if (!following || !shownId) return;
    let stopped = false;
    const timer = window.setTimeout(() => {
      client.payments.poll
        .mutate({ attemptId: shownId })
        .then((a) => !stopped && land(a))
        .catch((e: unknown) => !stopped && setError(errorMessage(e)));
    }, POLL_MS);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
    // each answer (a new `shown` object) schedules the next look
  }, [following, shownId, shown, land, client]);

  const run = async (fn: () => Promise<CardAttempt>) => {
    setBusy(true);
    setError(null);
    try {
      land(await fn());
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return {
    availability: availability.data ?? null,
    checking: availability.isPending,
    readers,
    reader,
    chooseReader(id: string) {
      setReaderId(id);
      try {
        window.localStorage.setItem(READER_KEY, id);
      } catch {
        // private mode: the choice lasts for this dialog only
      }
    },
    /** taken on the reader, not on a sale yet */
    paid: current.data?.paid ?? [],
    shown,
    error,
    busy,
    start: (cartId: string, amountCents: number) =>
      reader ? run(() => client.payments.start.mutate({ cartId, amountCents, readerId: reader.id })) : Promise.resolve(),
    cancel: () => (shown ? run(() => client.payments.cancel.mutate({ attemptId: shown.id })) : Promise.resolve()),
    checkAgain: () => (shown ? run(() => client.payments.poll.mutate({ attemptId: shown.id })) : Promise.resolve()),
    release: (attemptId: string) => run(() => client.payments.release.mutate({ attemptId })),
    dismiss: () => {
      setShown(null);
      setError(null);
    },
  };
}

export type CardTender = ReturnType<typeof useCardTender>;

/** The reader can take a payment now (what enables its button, and its key). */
export function readerUsable(card: CardTender): boolean {
  const a = card.availability;
  return !card.checking && !(a !== null && !a.available) && card.reader !== undefined && card.reader !== null && card.shown === null && !card.busy;
}
