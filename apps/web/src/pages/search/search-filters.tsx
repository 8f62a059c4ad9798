import type { ReactNode } from 'react';
import { Anchor, Checkbox, Divider, Radio, SegmentedControl, Select, Stack, Switch, Text, Title } from '@mantine/core';
import { DIETARY_TAGS, PRICE_BANDS, type DietaryTag, type PriceBandKey, type SearchFacets } from '@makeries/shared';
import { Link } from 'react-router';
import type { Category } from '../../app/api';
import { DIETARY_LABELS, money } from '../../lib/format';
import { market } from '../../lib/market';
import { DISTANCE_CHOICES_KM, type SearchState } from '../../lib/search-params';

export interface FiltersProps {
  state: SearchState;
  facets: SearchFacets | null;
  categories: Category[];
  /** the shopper's saved location, offered for distance filtering when the URL has none */
  savedLocation: { lat: number; lng: number; label: string } | null;
  onChange: (patch: Partial<SearchState>) => void;
}

function toggle<T>(list: readonly T[], item: T): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}

export function bandLabel(key: PriceBandKey): string {
  const band = PRICE_BANDS.find((b) => b.key === key);
  if (!band) return key;
  const currency = market().currency;
  if (band.minCents === 0) return `Under ${money((band.maxCents ?? 0) + 1, currency)}`;
  return band.maxCents === null ? `${money(band.minCents, currency)} and over` : `${money(band.minCents, currency)} – ${money(band.maxCents + 1, currency)}`;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
      <Title order={3} size="h6" mb={8} component="legend">
        {title}
      </Title>
      {children}
    </fieldset>
  );
}

/** Facet counts next to every choice (from the first page of the current results); zero-count choices stay visible. */
export function SearchFilters({ state, facets, categories, savedLocation, onChange }: FiltersProps) {
  const catCount = new Map(facets?.categories.map((c) => [c.slug, c.count]));
  const dietCount = new Map(facets?.dietary.map((d) => [d.tag, d.count]));
  const bandCount = new Map(facets?.priceBands.map((b) => [b.key, b.count]));
  const count = (n: number | undefined) => (facets ? ` (${n ?? 0})` : '');
  const shownCategories = categories.filter((c) => c.productCount > 0 || state.categories.includes(c.slug));
  const near = state.near ?? savedLocation;

  return (
    <Stack gap="lg">
      <Section title="Get it by">
        <SegmentedControl
          fullWidth
          value={state.fulfilment ?? 'any'}
          onChange={(v) => onChange({ fulfilment: v === 'any' ? null : (v as 'pickup' | 'delivery') })}
          data={[
            { value: 'any', label: 'Any' },
            { value: 'pickup', label: 'Pickup' },
            { value: 'delivery', label: 'Delivery' },
          ]}
          aria-label="Pickup or delivery"
        />
      </Section>
      <Stack gap={10}>
        <Switch label="Open now" checked={state.openNow} onChange={(e) => onChange({ openNow: e.currentTarget.checked })} />
        <Switch label="In stock only" checked={state.inStock} onChange={(e) => onChange({ inStock: e.currentTarget.checked })} />
      </Stack>
      <Section title="Distance">
        {near ? (
          <Select
            aria-label="Distance"
            value={state.distanceKm ? String(state.distanceKm) : 'any'}
            onChange={(v) =>
              onChange(v && v !== 'any' ? { distanceKm: Number(v), near: { lat: near.lat, lng: near.lng } } : { distanceKm: null })
            }
            data={[{ value: 'any', label: 'Any distance' }, ...DISTANCE_CHOICES_KM.map((km) => ({ value: String(km), label: `Within ${km} km` }))]}
            allowDeselect={false}
          />
        ) : (
          <Text size="sm" c="dimmed">
            <Anchor component={Link} to="/">
              Set your location
            </Anchor>{' '}
            to filter by distance.
          </Text>
        )}
      </Section>
      <Divider />
      <Section title="Category">
        <Stack gap={8}>
          {shownCategories.map((c) => (
            <Checkbox
              key={c.slug}
              label={`${c.name}${count(catCount.get(c.slug))}`}
              checked={state.categories.includes(c.slug)}
              onChange={() => onChange({ categories: toggle(state.categories, c.slug) })}
            />
          ))}
        </Stack>
      </Section>
      <Section title="Dietary">
        <Stack gap={8}>
          {DIETARY_TAGS.filter((t) => (dietCount.get(t) ?? 0) > 0 || state.dietary.includes(t) || !facets).map((t: DietaryTag) => (
            <Checkbox
              key={t}
              label={`${DIETARY_LABELS[t] ?? t}${count(dietCount.get(t))}`}
              checked={state.dietary.includes(t)}
              onChange={() => onChange({ dietary: toggle(state.dietary, t) })}
            />
          ))}
        </Stack>
      </Section>
      <Section title="Price">
        <Radio.Group value={state.price ?? 'any'} onChange={(v) => onChange({ price: v === 'any' ? null : (v as PriceBandKey) })}>
          <Stack gap={8}>
            <Radio value="any" label="Any price" />
            {PRICE_BANDS.map((b) => (
              <Radio key={b.key} value={b.key} label={`${bandLabel(b.key)}${count(bandCount.get(b.key))}`} />
            ))}
          </Stack>
        </Radio.Group>
      </Section>
    </Stack>
  );
}
