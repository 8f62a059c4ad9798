import { useSuspenseQuery } from '@tanstack/react-query';
import { useApi } from '../../app/api';
import { queries } from '../../app/queries';
import { market } from '../../lib/market';
import { ShopList } from './shop-list';

/** Without a location: every shop, alphabetically, with its postcode district. */
export function AllShops() {
  const api = useApi();
  const shops = useSuspenseQuery(queries.vendors(api)).data.items.map((v) => ({ ...v, area: v.postcode.split(' ')[0] }));
  return <ShopList title={`Shops in ${market().city.name}`} shops={shops} empty="No shops have joined yet." />;
}
