import { Alert, Button, Checkbox, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { addressCreateInput, type SavedAddress } from '@makeries/shared';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { failureOf, useTRPC } from '../app/api';
import { schemaErrors } from '../lib/form-rules';
import { market } from '../lib/market';
import { lookupPostcode } from '../lib/postcodes';

type AddressFormValue = {
  label: string;
  line1: string;
  line2: string;
  city: string;
  postcode: string;
  isDefault: boolean;
};

const emptyAddress = (): AddressFormValue => ({ label: '', line1: '', line2: '', city: market().city.name, postcode: '', isDefault: false });

function addressFormValue(a: SavedAddress): AddressFormValue {
  return { label: a.label, line1: a.line1, line2: a.line2, city: a.city, postcode: a.postcode, isDefault: a.isDefault };
}

/** What the server is sent: the typed fields, with the postcode as we write it and its map point when we know it. */
function withPlace(value: AddressFormValue) {
  const pc = lookupPostcode(value.postcode);
  return { ...value, ...(pc.ok ? { postcode: pc.place.postcode, lat: pc.place.lat, lng: pc.place.lng } : {}) };
}

/** The server's rules for a saved address, and a postcode we deliver to, so the address works at checkout. */
export function addressFormErrors(value: AddressFormValue) {
  const errors = schemaErrors(addressCreateInput, withPlace(value), { required: 'Please fill this in' });
  const pc = lookupPostcode(value.postcode);
  if (!pc.ok) errors.postcode = pc.message;
  return errors;
}

/** Add or edit a saved address. */
export function AddressForm({ existing, onSaved, onCancel }: { existing: SavedAddress | null; onSaved: (a: SavedAddress) => void; onCancel: () => void }) {
  const trpc = useTRPC();
  const create = useMutation(trpc.addresses.create.mutationOptions());
  const update = useMutation(trpc.addresses.update.mutationOptions());
  const form = useForm<AddressFormValue>({ initialValues: existing ? addressFormValue(existing) : emptyAddress(), validate: addressFormErrors });
  const [message, setMessage] = useState<string | null>(null);

  async function submit(value: AddressFormValue) {
    setMessage(null);
    // the rules passed: the same schema parses (trims, fills defaults) what is sent
    const body = addressCreateInput.parse(withPlace(value));
    try {
      onSaved(existing ? await update.mutateAsync({ addressId: existing.id, ...body }) : await create.mutateAsync(body));
    } catch (err) {
      setMessage(failureOf(err).message || 'The address was not saved. Check your connection and try again.');
    }
  }

  return (
    <form onSubmit={form.onSubmit((v) => void submit(v))} noValidate aria-label={existing ? 'Edit address' : 'New address'}>
      <Stack gap="sm">
        {message && (
          <Alert color="red" variant="light" role="alert">
            {message}
          </Alert>
        )}
        <TextInput label="Name for this address (optional)" placeholder="Home, Work…" maxLength={40} {...form.getInputProps('label')} />
        <TextInput label="Address" required autoComplete="address-line1" {...form.getInputProps('line1')} />
        <TextInput label="Flat, floor or building (optional)" autoComplete="address-line2" {...form.getInputProps('line2')} />
        <Group grow align="flex-start">
          <TextInput label="Town" required autoComplete="address-level2" {...form.getInputProps('city')} />
          <TextInput label="Postcode" required autoComplete="postal-code" {...form.getInputProps('postcode')} />
        </Group>
        <Checkbox
          label="Use this address first at checkout"
          disabled={existing?.isDefault === true}
          description={existing?.isDefault ? 'This is your default address. Make another one the default to change it.' : undefined}
          {...form.getInputProps('isDefault', { type: 'checkbox' })}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {existing ? 'Save changes' : 'Save address'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
