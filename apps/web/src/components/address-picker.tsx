import { Checkbox, Radio, Stack, Text } from '@mantine/core';
import type { SavedAddress } from '@makeries/shared';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTRPC, type ApiClient } from '../app/api';
import { market } from '../lib/market';
import { lookupPostcode } from '../lib/postcodes';
import { addressOneLine } from './address-card';

export interface AddressDraftLike {
  line1: string;
  line2: string;
  city: string;
  postcode: string;
}

function sameAddress(a: AddressDraftLike, b: AddressDraftLike): boolean {
  const norm = (x: AddressDraftLike) => [x.line1, x.line2, x.city, x.postcode.replace(/\s+/g, '')].map((s) => s.trim().toLowerCase()).join('|');
  return norm(a) === norm(b);
}

/** one empty list for every render while the addresses load, so the fill-in effect does not rerun for nothing */
const NO_ADDRESSES: readonly SavedAddress[] = [];

function draftOf(a: SavedAddress): AddressDraftLike {
  return { line1: a.line1, line2: a.line2, city: a.city, postcode: a.postcode };
}

/**
 * At checkout, a signed-in customer picks one of their saved addresses (the default is filled in for them) or
 * types a new one and ticks "Save this address". Guests see nothing here.
 */
export function AddressPicker({
  value,
  onPick,
  save,
  onSaveChange,
}: {
  value: AddressDraftLike;
  onPick: (a: AddressDraftLike) => void;
  save: boolean;
  onSaveChange: (save: boolean) => void;
}) {
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions()).data;
  const signedIn = me?.kind === 'customer';
  const saved = useQuery({ ...trpc.addresses.list.queryOptions(), enabled: signedIn }).data ?? NO_ADDRESSES;
  const filled = useRef(false);

  useEffect(() => {
    // fill in the default once, and only over an untouched form
    const preferred = saved.find((a) => a.isDefault) ?? saved[0];
    if (filled.current || !preferred || value.line1.trim() !== '' || value.postcode.trim() !== '') return;
    filled.current = true;
    onPick(draftOf(preferred));
  }, [saved, value.line1, value.postcode, onPick]);

  if (!signedIn) return null;
  const chosen = saved.find((a) => sameAddress(draftOf(a), value));
  return (
    <Stack gap="sm" mb="md">
      {saved.length > 0 && (
        <Radio.Group
          label="Your saved addresses"
          value={chosen?.id ?? 'new'}
          onChange={(id) => {
            const a = saved.find((x) => x.id === id);
            onPick(a ? draftOf(a) : { line1: '', line2: '', city: value.city || market().city.name, postcode: '' });
          }}
        >
          <Stack gap={6} mt={6}>
            {saved.map((a) => (
              <Radio key={a.id} value={a.id} label={a.label || a.line1} description={addressOneLine(a)} styles={{ body: { alignItems: 'flex-start' } }} />
            ))}
            <Radio value="new" label="A different address" />
          </Stack>
        </Radio.Group>
      )}
      {!chosen && (
        <Checkbox label="Save this address to my account" checked={save} onChange={(e) => onSaveChange(e.currentTarget.checked)} />
      )}
      {saved.length === 0 && (
        <Text size="xs" c="dimmed">
          Saved addresses appear here next time.
        </Text>
      )}
    </Stack>
  );
}

/** After a successful order: keep the typed address in the account. A failure here must not spoil the order. */
export async function saveCheckoutAddress(client: ApiClient, a: AddressDraftLike): Promise<void> {
  const pc = lookupPostcode(a.postcode);
  if (!pc.ok) return;
  await client.addresses.create
    .mutate({ line1: a.line1.trim(), line2: a.line2.trim(), city: a.city.trim(), postcode: pc.place.postcode, lat: pc.place.lat, lng: pc.place.lng })
    .catch(() => undefined);
}
