import { createTRPCClient, httpLink } from '@trpc/client';
import type { CounterRouter } from '../src/core/router/index';
import { TRPC_PATH } from '../src/core/server/http';
import type { Stack } from './harness';

/** What the Point of sale browser tests share: the owner signed in at the paired headless counter. */

export const OWNER_PIN = '1357';

export type CounterApi = ReturnType<typeof counterApi>;

function counterApi(url: string) {
  return createTRPCClient<CounterRouter>({ links: [httpLink({ url: `${url}${TRPC_PATH}` })] });
}

/** Gives the shop's owner a PIN on the marketplace, pairs the counter and signs the owner in (through the counter's API). */
export async function ownerAtCounter(stack: Stack): Promise<{ api: CounterApi; owner: { id: string; name: string } }> {
  const owner = (await stack.shop.owner.staff.list.query()).find((m) => m.role === 'owner');
  if (!owner) throw new Error('the shop has no owner');
  await stack.shop.owner.staff.update.mutate({ staffId: owner.id, pin: OWNER_PIN });
  const api = counterApi(stack.counter.url);
  await api.device.pair.mutate({ code: await stack.shop.pairingCode() });
  await api.staff.login.mutate({ staffId: owner.id, pin: OWNER_PIN });
  return { api, owner: { id: owner.id, name: owner.name } };
}
