import { useSuspenseQuery } from '@tanstack/react-query';
import { useApi } from '../../app/api';
import { queries } from '../../app/queries';
import type { ShopperLocation } from '../../lib/location';
import { ShopList } from './shop-list';

export function NearbyShops({ location }: { location: ShopperLocation }) {
  const api = useApi();
  const shops = useSuspenseQuery(queries.vendorsNearby(api, location)).data;
  return <ShopList title={`Shops near ${location.label}`} shops={shops} empty={`No shops within 25 km of ${location.label} yet.`} />;
}
