import { Group, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';

/** Where an owner would see a button, a manager reads who can do it. */
export function OwnerNote({ what, testId }: { what: string; testId?: string }) {
  return (
    <Group gap={6} wrap="nowrap" c="ink.7" data-testid={testId ?? 'owner-only'}>
      <IconLock size={16} style={{ flexShrink: 0 }} aria-hidden />
      <Text size="sm">Only the shop owner can {what}. Ask the owner to sign in here.</Text>
    </Group>
  );
}
