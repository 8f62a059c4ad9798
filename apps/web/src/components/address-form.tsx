import { Alert, Button, Checkbox, Group, Stack, TextInput } from '@mantine/core';
import { addressCreateInput, type SavedAddress } from '@makeries/shared';
import { useState, type FormEvent } from 'react';
import { failureOf, useApi } from '../app/api';
import { market } from '../lib/market';
import { lookupPostcode } from '../lib/postcodes';

export interface AddressFormValue {
  label: string;
  line1: string;
  line2: string;
  city: string;
  postcode: string;
  isDefault: boolean;
}

const emptyAddress = (): AddressFormValue => ({ label: '', line1: '', line2: '', city: market().city.name, postcode: '', isDefault: false });

export function addressFormValue(a: SavedAddress): AddressFormValue {
  return { label: a.label, line1: a.line1, line2: a.line2, city: a.city, postcode: a.postcode, isDefault: a.isDefault };
}

/** Add or edit a saved address. The postcode must be one we deliver to, so the address works at checkout. */
export function AddressForm({ existing, onSaved, onCancel }: { existing: SavedAddress | null; onSaved: (a: SavedAddress) => void; onCancel: () => void }) {
  const api = useApi();
  const [value, setValue] = useState<AddressFormValue>(existing ? addressFormValue(existing) : emptyAddress());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<AddressFormValue>) => setValue((v) => ({ ...v, ...patch }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setMessage(null);
    const pc = lookupPostcode(value.postcode);
    const parsed = addressCreateInput.safeParse({
      ...value,
      ...(pc.ok ? { postcode: pc.place.postcode, lat: pc.place.lat, lng: pc.place.lng } : {}),
    });
    const found: Record<string, string> = {};
    if (!parsed.success) for (const i of parsed.error.issues) found[String(i.path[0])] ??= i.message === 'Required' ? 'Please fill this in' : i.message;
    if (!pc.ok) found.postcode = pc.message;
    setErrors(found);
    if (!parsed.success || Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const saved = existing ? await api.addresses.update.mutate({ addressId: existing.id, ...parsed.data }) : await api.addresses.create.mutate(parsed.data);
      onSaved(saved);
    } catch (err) {
      setMessage(failureOf(err).message || 'The address was not saved. Check your connection and try again.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={existing ? 'Edit address' : 'New address'}>
      <Stack gap="sm">
        {message && (
          <Alert color="red" variant="light" role="alert">
            {message}
          </Alert>
        )}
        <TextInput label="Name for this address (optional)" placeholder="Home, Work…" maxLength={40} value={value.label} onChange={(e) => set({ label: e.currentTarget.value })} error={errors.label} />
        <TextInput label="Address" required autoComplete="address-line1" value={value.line1} onChange={(e) => set({ line1: e.currentTarget.value })} error={errors.line1} />
        <TextInput label="Flat, floor or building (optional)" autoComplete="address-line2" value={value.line2} onChange={(e) => set({ line2: e.currentTarget.value })} />
        <Group grow align="flex-start">
          <TextInput label="Town" required autoComplete="address-level2" value={value.city} onChange={(e) => set({ city: e.currentTarget.value })} error={errors.city} />
          <TextInput label="Postcode" required autoComplete="postal-code" value={value.postcode} onChange={(e) => set({ postcode: e.currentTarget.value })} error={errors.postcode} />
        </Group>
        <Checkbox
          label="Use this address first at checkout"
          checked={value.isDefault}
          disabled={existing?.isDefault === true}
          description={existing?.isDefault ? 'This is your default address. Make another one the default to change it.' : undefined}
          onChange={(e) => set({ isDefault: e.currentTarget.checked })}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={busy}>
            {existing ? 'Save changes' : 'Save address'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
