import type { ShopCard } from '@makeries/shared';
import { Link } from 'react-router';
import { distanceLabel, opensLabel } from '../../lib/format';

function initials(name: string): string {
  return name
    .replace(/[^A-Za-z ]/g, '')
    .split(' ')
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0])
    .join('');
}

/** Paused beats open/closed: a paused shop takes no orders whatever its hours say (as components/open-badge). */
function openState(v: ShopCard): { tone: 'open' | 'closed' | 'paused'; label: string } {
  if (v.paused) return { tone: 'paused', label: 'Not taking orders' };
  if (v.isOpenNow) return { tone: 'open', label: 'Open now' };
  const opens = opensLabel(v.nextOpeningAt, v.timezone);
  return { tone: 'closed', label: opens.startsWith('Opens') ? `Closed · ${opens.toLowerCase()}` : opens };
}

/**
 * One shop of the home page's directory in plain elements styled by app.css (`mk-shop*`): a page of 24 costs a
 * few kilobytes of HTML, where a Mantine Card with Group/Stack/Text/Badge cost about 4 KB each.
 */
export function ShopTile({ v }: { v: ShopCard }) {
  const open = openState(v);
  const ways = [v.pickupEnabled ? 'Pickup' : null, v.deliveryEnabled ? 'Delivery' : null].filter(Boolean).join(' · ');
  return (
    <Link to={`/v/${v.slug}`} className="mk-shop">
      <span className="mk-shop-mono" aria-hidden>
        {initials(v.name)}
      </span>
      <span className="mk-shop-body">
        <span className="mk-shop-name">{v.name}</span>
        <span className="mk-shop-desc">{v.description}</span>
        <span className="mk-shop-meta">
          <span className={`mk-pill mk-pill-${open.tone}`}>{open.label}</span>
          <span>{v.distanceMeters === undefined ? v.area : `${distanceLabel(v.distanceMeters)} away`}</span>
          {ways && <span>{ways}</span>}
        </span>
      </span>
    </Link>
  );
}
