import type { PushDeviceState } from '@makeries/shared';
import { useEffect, useState } from 'react';
import { failureOf, useTRPCClient } from '../app/api';
import { existingSubscription, pushSupport, subscribeThisDevice, unsubscribeThisDevice, type PushSupport } from './push-device';

const OFF: PushDeviceState = { subscribed: false, account: false, order: false };

export interface PushDevice {
  /** null until checked in the browser (the server render knows nothing of this device) */
  support: PushSupport | null;
  state: PushDeviceState;
  busy: boolean;
  error: string | null;
  turnOn(): Promise<void>;
  turnOff(): Promise<void>;
}

/**
 * This device's push for the account (no order) or for one order (a guest proves it with the tracking token):
 * what the browser allows, what the server holds for this device, and turning it on (asks permission — call
 * from a tap) or off.
 */
export function usePushDevice(order: { orderId: string; trackingToken: string | null } | null = null): PushDevice {
  const client = useTRPCClient();
  const [support, setSupport] = useState<PushSupport | null>(null);
  const [state, setState] = useState<PushDeviceState>(OFF);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const orderId = order?.orderId;
  const trackingToken = order?.trackingToken ?? null;

  useEffect(() => {
    let live = true;
    const found = pushSupport();
    setSupport(found);
    if (found === 'unsupported') return;
    void (async () => {
      try {
        const sub = await existingSubscription();
        if (!sub) return;
        const known = await client.notifications.pushDevice.query({ endpoint: sub.endpoint, ...(orderId ? { orderId } : {}) });
        if (live) setState(known);
      } catch {
        // unknown state: shown as off; turning it on fixes it
      }
    })();
    return () => {
      live = false;
    };
  }, [client, orderId]);

  async function run(work: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(failureOf(e).message || 'We could not change notifications on this device. Please try again.');
    } finally {
      setBusy(false);
      setSupport(pushSupport());
    }
  }

  return {
    support,
    state,
    busy,
    error,
    turnOn: () =>
      run(async () => {
        const { publicKey } = await client.notifications.vapidPublicKey.query();
        const sub = await subscribeThisDevice(publicKey);
        if (!sub) return;
        setState(await client.notifications.subscribe.mutate({ ...sub, ...(orderId ? { orderId } : {}), ...(orderId && trackingToken ? { trackingToken } : {}) }));
      }),
    turnOff: () =>
      run(async () => {
        const sub = await existingSubscription();
        if (!sub) {
          setState(OFF);
          return;
        }
        const next = await client.notifications.unsubscribe.mutate({ endpoint: sub.endpoint, ...(orderId ? { orderId } : {}) });
        if (!next.subscribed) await unsubscribeThisDevice();
        setState(next);
      }),
  };
}

/** Why push cannot be turned on here, in words for the customer (null: it can). */
export function pushBlockedReason(support: PushSupport | null): string | null {
  if (support === 'unsupported') return 'This browser cannot show notifications from websites. On an iPhone or iPad, add Makeries to your Home Screen (Share → Add to Home Screen) and open it from there.';
  if (support === 'denied') return 'Notifications are blocked for this site. Allow them in your browser’s site settings, then come back and turn them on.';
  return null;
}
