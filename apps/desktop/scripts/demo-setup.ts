import { createTRPCClient, httpLink } from '@trpc/client';
import type { AppRouter } from '@makeries/server/router';
import type { CounterRouter } from '../src/core/router/index';

/*
 * First start of the demo (`pnpm start`): the seeded shop gets staff with known PINs, and the demo counter is
 * paired to it with a one-time code, all through the marketplace's and the counter's public APIs, as an owner
 * at the back office and a manager at the till would do it. Safe to run again: nothing is created twice.
 */

export interface DemoStaff {
  name: string;
  role: 'owner' | 'manager' | 'cashier';
  pin: string;
}

export const DEMO_PINS = { owner: '1111', manager: '2222', cashier: '3333' } as const;

function serverApi(url: string, token?: string) {
  return createTRPCClient<AppRouter>({ links: [httpLink({ url: `${url}/trpc`, headers: () => (token ? { authorization: `Bearer ${token}` } : {}) })] });
}

function counterApi(url: string) {
  return createTRPCClient<CounterRouter>({ links: [httpLink({ url: `${url}/trpc` })] });
}

/** Signs the owner in at the marketplace; the token is for the owner's back-office calls below. */
export async function ownerToken(serverUrl: string, email: string, password: string): Promise<string> {
  return (await serverApi(serverUrl).auth.staffLogin.mutate({ email, password })).token;
}

/** The owner gets a PIN, plus one manager and one cashier with PINs, unless they exist already. */
export async function prepareDemoStaff(serverUrl: string, token: string, managerEmail: string, password: string): Promise<DemoStaff[]> {
  const api = serverApi(serverUrl, token);
  const staff = await api.staff.list.query();
  const owner = staff.find((s) => s.role === 'owner' && s.active);
  if (!owner) throw new Error('The demo shop has no active owner.');
  if (!owner.hasPin) await api.staff.update.mutate({ staffId: owner.id, pin: DEMO_PINS.owner });
  const manager = staff.find((s) => s.role === 'manager' && s.active) ?? (await api.staff.create.mutate({ role: 'manager', name: 'Sam Manager', email: managerEmail, password, pin: DEMO_PINS.manager }));
  const cashier = staff.find((s) => s.role === 'cashier' && s.active) ?? (await api.staff.create.mutate({ role: 'cashier', name: 'Alex Cashier', pin: DEMO_PINS.cashier }));
  return [
    { name: owner.name, role: 'owner', pin: DEMO_PINS.owner },
    { name: manager.name, role: 'manager', pin: DEMO_PINS.manager },
    { name: cashier.name, role: 'cashier', pin: DEMO_PINS.cashier },
  ];
}

/** A fresh one-time pairing code from the owner's back office (the Electron app pairs itself with it). */
export async function demoPairingCode(serverUrl: string, token: string): Promise<string> {
  const { code } = await serverApi(serverUrl, token).devices.createPairingCode.mutate({ deviceName: 'Demo counter' });
  return code;
}

/** Pairs the counter at `counterUrl` with a fresh code from the owner's back office; a paired one is left alone. */
export async function pairDemoCounter(serverUrl: string, token: string, counterUrl: string): Promise<{ registerCode: string; shopName: string; paired: 'now' | 'already' }> {
  const counter = counterApi(counterUrl);
  const status = await counter.device.status.query();
  if (status.paired) return { registerCode: status.registerCode ?? '', shopName: status.shop?.name ?? '', paired: 'already' };
  const code = await demoPairingCode(serverUrl, token);
  const result = await counter.device.pair.mutate({ code });
  return { registerCode: result.registerCode, shopName: result.vendorName, paired: 'now' };
}
