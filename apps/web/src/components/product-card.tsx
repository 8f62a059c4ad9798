import type { SearchProductItem } from '@makeries/shared';
import { Link } from 'react-router';
import { DIETARY_LABELS, distanceLabel, money } from '../lib/format';
import { FavouriteButton } from './favourite-button';
import { ProductImage } from './product-image';

/**
 * One product of a grid (search, shop, home, "more from this shop") in plain elements styled by app.css
 * (`mk-pcard*`): a page of 24 stays a few kilobytes of HTML, where Mantine's Card/Stack/Group/Text/Badge cost
 * about 3 KB each. `eager` for the cards a phone shows first, so the largest picture is not held back.
 */
export function ProductCard({ p, showVendor = true, eager = false }: { p: SearchProductItem; showVendor?: boolean; eager?: boolean }) {
  const tag = p.dietaryTags[0];
  return (
    <div className="mk-pcard">
      {/* no aria-label: the link's name is the card's own text (name, shop, price, sold out), so it says what it shows */}
      <Link to={`/p/${p.id}`} className="mk-card-link mk-pcard-link">
        <ProductImage src={p.imageThumb ?? null} alt="" size={200} eager={eager} />
        <span className="mk-pcard-body">
          <span className="mk-pcard-name">{p.name}</span>
          {showVendor && (
            <span className="mk-pcard-shop">
              {p.vendor.name}
              {p.vendor.distanceMeters !== undefined ? ` · ${distanceLabel(p.vendor.distanceMeters)}` : ''}
            </span>
          )}
          <span className="mk-pcard-foot">
            <span className="mk-pcard-price">{money(p.minPriceCents, p.currency)}</span>
            {!p.inStock ? (
              <span className="mk-tag mk-tag-out">Sold out</span>
            ) : tag ? (
              <span className="mk-tag">{DIETARY_LABELS[tag] ?? tag}</span>
            ) : null}
          </span>
        </span>
      </Link>
      {/* beside the link, not inside it: a link cannot hold a button */}
      <div className="mk-pcard-fav">
        <FavouriteButton target={{ productId: p.id }} name={p.name} compact />
      </div>
    </div>
  );
}
