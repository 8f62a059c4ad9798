import { useSuspenseQuery } from '@tanstack/react-query';
import { useTRPC } from '../../app/api';
import { nearbyInput } from '../../app/inputs';
import type { ShopperLocation } from '../../lib/location';
import { ShopList } from './shop-list';

export function NearbyShops({ location }: { location: ShopperLocation }) {
  const trpc = useTRPC();
  const shops = useSuspenseQuery(trpc.search.vendorsNearby.queryOptions(nearbyInput(location))).data;
  return <ShopList title={`Shops near ${location.label}`} shops={shops} empty={`No shops within 25 km of ${location.label} yet.`} />;
}
