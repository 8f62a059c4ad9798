import { Badge } from '@mantine/core';
import { opensLabel } from '../lib/format';

export interface OpenState {
  isOpenNow: boolean;
  paused: boolean;
  nextOpeningAt?: string | null;
  timezone?: string;
}

/** Paused beats open/closed: a paused shop takes no orders whatever its hours say. */
export function OpenBadge({ v, size = 'md' }: { v: OpenState; size?: 'sm' | 'md' | 'lg' }) {
  if (v.paused) {
    return (
      <Badge color="red" variant="light" size={size}>
        Not taking orders
      </Badge>
    );
  }
  if (v.isOpenNow) {
    return (
      <Badge color="brand" variant="light" size={size}>
        Open now
      </Badge>
    );
  }
  const label = v.timezone && v.nextOpeningAt !== undefined ? opensLabel(v.nextOpeningAt, v.timezone) : 'Closed now';
  return (
    <Badge color="orange" variant="light" size={size} styles={{ label: { color: '#8a4b00' } }}>
      {label.startsWith('Opens') ? `Closed · ${label.toLowerCase()}` : label}
    </Badge>
  );
}
