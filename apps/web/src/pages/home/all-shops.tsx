import { useSuspenseQuery } from '@tanstack/react-query';
import { useTRPC } from '../../app/api';
import { ALL_SHOPS } from '../../app/inputs';
import { market } from '../../lib/market';
import { ShopList } from './shop-list';

/** Without a location: every shop, alphabetically, with its postcode district. */
export function AllShops() {
  const trpc = useTRPC();
  const shops = useSuspenseQuery(trpc.vendors.list.queryOptions(ALL_SHOPS)).data.items.map((v) => ({ ...v, area: v.postcode.split(' ')[0] }));
  return <ShopList title={`Shops in ${market().city.name}`} shops={shops} empty="No shops have joined yet." />;
}
