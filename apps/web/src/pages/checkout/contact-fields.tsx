import { Stack, TextInput } from '@mantine/core';
import type { FormErrors, UseFormReturnType } from '@mantine/form';
import type { CheckoutFormValues } from './checkout-form';

/** Name, email and phone; `errors` are the form's own plus any the server sent back for these fields. */
export function ContactFields({ form, errors }: { form: UseFormReturnType<CheckoutFormValues>; errors: FormErrors }) {
  return (
    <Stack gap="sm">
      <TextInput label="Name" required autoComplete="name" {...form.getInputProps('contact.name')} error={errors['contact.name']} />
      <TextInput
        label="Email"
        description="For your confirmation and status updates"
        required
        type="email"
        autoComplete="email"
        {...form.getInputProps('contact.email')}
        error={errors['contact.email']}
      />
      <TextInput
        label="Phone"
        description="Optional — the shop calls only if there is a problem"
        type="tel"
        autoComplete="tel"
        {...form.getInputProps('contact.phone')}
        error={errors['contact.phone']}
      />
    </Stack>
  );
}
