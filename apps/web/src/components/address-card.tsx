import { Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import type { SavedAddress } from '@makeries/shared';

export function addressOneLine(a: Pick<SavedAddress, 'line1' | 'line2' | 'city' | 'postcode'>): string {
  return [a.line1, a.line2, a.city, a.postcode].filter((x) => x.trim() !== '').join(', ');
}

/** One saved address with its actions; buttons are full-size touch targets. */
export function AddressCard({
  address,
  busy,
  onEdit,
  onMakeDefault,
  onRemove,
}: {
  address: SavedAddress;
  busy: boolean;
  onEdit: () => void;
  onMakeDefault: () => void;
  onRemove: () => void;
}) {
  const name = address.label || address.line1;
  return (
    <Card padding="md" component="li" aria-label={name}>
      <Stack gap="xs">
        <Group gap={8}>
          <Text fw={700}>{name}</Text>
          {address.isDefault && (
            <Badge variant="light" color="brand" size="sm">
              Default
            </Badge>
          )}
        </Group>
        <Text size="sm" c="#3d484f">
          {addressOneLine(address)}
        </Text>
        <Group gap="xs" mt={4}>
          <Button variant="default" size="sm" onClick={onEdit} aria-label={`Edit ${name}`}>
            Edit
          </Button>
          {!address.isDefault && (
            <Button variant="default" size="sm" onClick={onMakeDefault} disabled={busy} aria-label={`Make ${name} the default`}>
              Make default
            </Button>
          )}
          <Button variant="subtle" color="red" c="red.9" size="sm" onClick={onRemove} disabled={busy} aria-label={`Delete ${name}`}>
            Delete
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
