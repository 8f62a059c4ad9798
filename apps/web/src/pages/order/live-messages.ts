import type { OrderMessagePage, OrderMessageView } from '@makeries/shared';
import type { QueryClient } from '@tanstack/react-query';
import { z } from 'zod';

const liveMessages = z.object({
  messages: z.array(
    z.object({
      id: z.string(),
      orderId: z.string(),
      author: z.enum(['customer', 'shop']),
      text: z.string(),
      photoUrl: z.string().nullable(),
      photoThumbUrl: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
});

/** Adds messages to a thread page, once each, in the order they were written (UUIDv7 ids sort by time). */
export function mergeMessages(page: OrderMessagePage | undefined, more: readonly OrderMessageView[]): OrderMessagePage {
  const byId = new Map((page?.messages ?? []).map((m) => [m.id, m]));
  for (const m of more) byId.set(m.id, m);
  return { messages: [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)), olderBefore: page?.olderBefore ?? null };
}

/** The live channel's `messages` event (http/order-live.ts): merged into the thread the page shows. */
export function applyLiveMessages(queryClient: QueryClient, key: readonly unknown[], e: Event): void {
  if (!(e instanceof MessageEvent) || typeof e.data !== 'string') return;
  let parsed: z.infer<typeof liveMessages>;
  try {
    const r = liveMessages.safeParse(JSON.parse(e.data));
    if (!r.success) return;
    parsed = r.data;
  } catch {
    return;
  }
  queryClient.setQueryData<OrderMessagePage>(key, (page) => mergeMessages(page, parsed.messages));
}
