import { setMarketLocale } from '@makeries/shared';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../api/trpc';
import { errorMessage } from '../api/errors';
import { FullScreenMessage } from '../components/full-screen-message';
import { LockPage } from '../pages/lock/lock-page';
import { PairingPage } from '../pages/pairing/pairing-page';
import { useSyncFeed } from './sync-feed';
import { Workspace } from './workspace';

/** Which screen the counter shows: not answering → pairing → PIN lock → the workspace. */
export function Root() {
  const trpc = useTRPC();
  useSyncFeed();
  const device = useQuery(trpc.device.status.queryOptions(undefined, { refetchInterval: (q) => (q.state.data?.paired ? false : 3_000) }));
  const paired = device.data?.paired === true;
  // before any screen below renders: prices and times in the marketplace's locale (it came with the last sync)
  if (device.data?.shop) setMarketLocale(device.data.shop.locale);
  // reading who is signed in is not activity, so polling it lets the counter's auto-lock show here
  const me = useQuery(trpc.staff.me.queryOptions(undefined, { enabled: paired, refetchInterval: 15_000 }));

  if (device.isPending) return <FullScreenMessage loading title="Starting the counter…" />;
  if (device.isError) {
    return <FullScreenMessage title="The counter is not answering" text={errorMessage(device.error)} onRetry={() => void device.refetch()} />;
  }
  if (!paired) return <PairingPage status={device.data} />;
  if (me.isPending) return <FullScreenMessage loading title="Starting the counter…" />;
  if (me.isError) return <FullScreenMessage title="The counter is not answering" text={errorMessage(me.error)} onRetry={() => void me.refetch()} />;
  if (!me.data) return <LockPage device={device.data} />;
  return <Workspace device={device.data} staff={me.data} />;
}
