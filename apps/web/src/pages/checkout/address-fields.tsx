import { Group, Stack, TextInput } from '@mantine/core';
import type { FormErrors, UseFormReturnType } from '@mantine/form';
import type { CheckoutFormValues } from './checkout-form';

/** The delivery address at checkout; `errors` are the form's own plus any the server sent back. */
export function AddressFields({ form, errors }: { form: UseFormReturnType<CheckoutFormValues>; errors: FormErrors }) {
  return (
    <Stack gap="sm">
      <TextInput label="Address" required autoComplete="address-line1" {...form.getInputProps('address.line1')} error={errors['address.line1']} />
      <TextInput label="Flat, floor or building (optional)" autoComplete="address-line2" {...form.getInputProps('address.line2')} error={errors['address.line2']} />
      <Group grow align="flex-start">
        <TextInput label="Town" required autoComplete="address-level2" {...form.getInputProps('address.city')} error={errors['address.city']} />
        <TextInput label="Postcode" required autoComplete="postal-code" {...form.getInputProps('address.postcode')} error={errors['address.postcode']} />
      </Group>
    </Stack>
  );
}
