import { Badge, Group, SimpleGrid, Stack, Text, UnstyledButton } from '@mantine/core';
import type { StaffMember } from '../../api/types';
import { roleLabel } from '../../components/role-label';
import { StaffAvatar } from '../../components/staff-avatar';

/** Big name tiles (the staff who share a PIN just typed): tap yours. Staff without a PIN cannot be picked. */
export function StaffPicker({ staff, onPick }: { staff: StaffMember[]; onPick: (s: StaffMember) => void }) {
  return (
    <SimpleGrid cols={{ base: 2, xl: 3 }} spacing="md">
      {staff.map((s) => (
        <UnstyledButton
          key={s.id}
          className="tile"
          onClick={() => onPick(s)}
          disabled={!s.hasPin}
          aria-label={`Sign in as ${s.name}`}
          p="md"
          mih={84}
          style={{
            border: '1px solid var(--mantine-color-ink-2)',
            borderRadius: 'var(--mantine-radius-lg)',
            background: 'white',
            opacity: s.hasPin ? 1 : 0.5,
            boxShadow: '0 1px 2px rgba(16,24,40,.06)',
          }}
        >
          <Group wrap="nowrap" gap="md">
            <StaffAvatar name={s.name} size="lg" />
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Text fw={700} size="lg" truncate>
                {s.name}
              </Text>
              <Group gap={6}>
                <Badge variant="light" color={s.role === 'cashier' ? 'ink' : 'brand'}>
                  {roleLabel(s.role)}
                </Badge>
                {!s.hasPin && (
                  <Text size="xs" c="ink.7">
                    no PIN yet
                  </Text>
                )}
              </Group>
            </Stack>
          </Group>
        </UnstyledButton>
      ))}
    </SimpleGrid>
  );
}
