import { Button, Group, Pill } from '@mantine/core';
import type { Category } from '../../app/api';
import { DIETARY_LABELS } from '../../lib/format';
import type { SearchState } from '../../lib/search-params';
import { bandLabel } from './search-filters';

/** The filters in force as removable pills, plus "Clear all". */
export function ActiveFilters({ state, categories, onChange }: { state: SearchState; categories: Category[]; onChange: (patch: Partial<SearchState>) => void }) {
  const pills: { key: string; label: string; remove: Partial<SearchState> }[] = [
    ...state.categories.map((slug) => ({
      key: `c-${slug}`,
      label: categories.find((c) => c.slug === slug)?.name ?? slug,
      remove: { categories: state.categories.filter((s) => s !== slug) },
    })),
    ...state.dietary.map((t) => ({ key: `d-${t}`, label: DIETARY_LABELS[t] ?? t, remove: { dietary: state.dietary.filter((x) => x !== t) } })),
    ...(state.price ? [{ key: 'price', label: bandLabel(state.price), remove: { price: null } }] : []),
    ...(state.distanceKm ? [{ key: 'km', label: `Within ${state.distanceKm} km`, remove: { distanceKm: null } }] : []),
    ...(state.openNow ? [{ key: 'open', label: 'Open now', remove: { openNow: false } }] : []),
    ...(state.inStock ? [{ key: 'stock', label: 'In stock', remove: { inStock: false } }] : []),
    ...(state.fulfilment ? [{ key: 'get', label: state.fulfilment === 'pickup' ? 'Pickup' : 'Delivery', remove: { fulfilment: null } }] : []),
  ];
  if (pills.length === 0) return null;
  return (
    <Group gap={6}>
      {pills.map((p) => (
        <Pill key={p.key} withRemoveButton onRemove={() => onChange(p.remove)} removeButtonProps={{ 'aria-label': `Remove filter ${p.label}` }} size="md">
          {p.label}
        </Pill>
      ))}
      <Button
        variant="subtle"
        size="compact-sm"
        onClick={() => onChange({ categories: [], dietary: [], price: null, distanceKm: null, openNow: false, inStock: false, fulfilment: null })}
      >
        Clear all
      </Button>
    </Group>
  );
}
