import { Box, Group, Stack, Text, Title } from '@mantine/core';
import { IconBuildingStore } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/** The calm coloured side of the pairing and lock screens: whose counter this is, and a line of help. */
export function BrandPanel({ title, subtitle, children, note }: { title: string; subtitle?: string; children?: ReactNode; note?: string }) {
  return (
    <Box
      p={48}
      style={{
        background: 'linear-gradient(160deg, var(--mantine-color-brand-8), var(--mantine-color-brand-9) 60%, #0b2b26)',
        color: 'white',
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'space-between',
      }}
    >
      <Group gap="sm">
        <IconBuildingStore size={32} stroke={1.6} />
        <Text fw={700} size="lg" style={{ letterSpacing: 0.3 }}>
          Makeries Counter
        </Text>
      </Group>
      <Stack gap="sm">
        <Title order={1} fz={40} lh={1.15}>
          {title}
        </Title>
        {subtitle && (
          <Text size="xl" c="brand.1">
            {subtitle}
          </Text>
        )}
        {children}
      </Stack>
      <Text size="sm" c="brand.2">
        {note ?? 'Sales are kept on this counter and reach the marketplace when the network is back.'}
      </Text>
    </Box>
  );
}
