import { Group, Stack, TextInput } from '@mantine/core';

export interface AddressDraft {
  line1: string;
  line2: string;
  city: string;
  postcode: string;
}

export function AddressFields({ value, errors, onChange }: { value: AddressDraft; errors: Record<string, string>; onChange: (a: AddressDraft) => void }) {
  return (
    <Stack gap="sm">
      <TextInput
        label="Address"
        required
        autoComplete="address-line1"
        value={value.line1}
        onChange={(e) => onChange({ ...value, line1: e.currentTarget.value })}
        error={errors.line1}
      />
      <TextInput
        label="Flat, floor or building (optional)"
        autoComplete="address-line2"
        value={value.line2}
        onChange={(e) => onChange({ ...value, line2: e.currentTarget.value })}
      />
      <Group grow align="flex-start">
        <TextInput
          label="Town"
          required
          autoComplete="address-level2"
          value={value.city}
          onChange={(e) => onChange({ ...value, city: e.currentTarget.value })}
          error={errors.city}
        />
        <TextInput
          label="Postcode"
          required
          autoComplete="postal-code"
          value={value.postcode}
          onChange={(e) => onChange({ ...value, postcode: e.currentTarget.value })}
          error={errors.postcode}
        />
      </Group>
    </Stack>
  );
}
