import { Box, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconBuildingStore, IconChartBar, IconCreditCard, IconGift, IconPackages, IconPlugConnected, IconSettings, IconTicket } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { BackOfficeSection } from '../../app/nav';
import type { SectionInfo } from './sections';

const ICONS: Record<BackOfficeSection, ReactNode> = {
  catalog: <IconBuildingStore size={24} stroke={1.6} />,
  stock: <IconPackages size={24} stroke={1.6} />,
  reports: <IconChartBar size={24} stroke={1.6} />,
  payments: <IconCreditCard size={24} stroke={1.6} />,
  promos: <IconTicket size={24} stroke={1.6} />,
  bridge: <IconPlugConnected size={24} stroke={1.6} />,
  settings: <IconSettings size={24} stroke={1.6} />,
  loyalty: <IconGift size={24} stroke={1.6} />,
};

/** The back office's left list: one big target per section, the open one marked. */
export function SectionNav({ sections, current, onOpen, managerOnlyHidden }: { sections: SectionInfo[]; current: BackOfficeSection; onOpen: (s: BackOfficeSection) => void; managerOnlyHidden: boolean }) {
  return (
    <Box component="nav" aria-label="Back office sections" p="sm" style={{ background: 'white', borderRight: '1px solid var(--mantine-color-ink-2)', display: 'flex', flexDirection: 'column' }}>
      <Stack gap={4}>
        {sections.map((s) => {
          const active = s.id === current;
          return (
            <UnstyledButton
              key={s.id}
              onClick={() => onOpen(s.id)}
              aria-current={active ? 'page' : undefined}
              data-testid={`section-${s.id}`}
              px="md"
              py={10}
              style={{
                display: 'flex',
                alignItems: 'center',
                gap: 12,
                minHeight: 60,
                borderRadius: 'var(--mantine-radius-md)',
                background: active ? 'var(--mantine-color-brand-0)' : undefined,
                color: active ? 'var(--mantine-color-brand-8)' : 'var(--mantine-color-ink-9)',
              }}
            >
              {ICONS[s.id]}
              <Box>
                <Text fw={700} lh={1.2}>
                  {s.label}
                </Text>
                <Text size="xs" c="ink.7" lh={1.3}>
                  {s.hint}
                </Text>
              </Box>
            </UnstyledButton>
          );
        })}
      </Stack>
      {managerOnlyHidden && (
        <Text size="sm" c="ink.7" mt="auto" p="sm">
          Reports and settings are for managers. Ask a manager to sign in.
        </Text>
      )}
    </Box>
  );
}
