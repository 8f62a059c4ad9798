import { Stack, TextInput } from '@mantine/core';
import type { Contact } from '@makeries/shared';

export function ContactFields({ value, errors, onChange }: { value: Contact; errors: Record<string, string>; onChange: (c: Contact) => void }) {
  return (
    <Stack gap="sm">
      <TextInput
        label="Name"
        required
        autoComplete="name"
        value={value.name}
        onChange={(e) => onChange({ ...value, name: e.currentTarget.value })}
        error={errors['contact.name']}
      />
      <TextInput
        label="Email"
        description="For your confirmation and status updates"
        required
        type="email"
        autoComplete="email"
        value={value.email}
        onChange={(e) => onChange({ ...value, email: e.currentTarget.value })}
        error={errors['contact.email']}
      />
      <TextInput
        label="Phone"
        description="Optional — the shop calls only if there is a problem"
        type="tel"
        autoComplete="tel"
        value={value.phone}
        onChange={(e) => onChange({ ...value, phone: e.currentTarget.value })}
        error={errors['contact.phone']}
      />
    </Stack>
  );
}
