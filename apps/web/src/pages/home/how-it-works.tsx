import { Card, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconBuildingStore, IconCash, IconClock } from '@tabler/icons-react';

const STEPS = [
  { icon: IconBuildingStore, title: 'Pick from local shops', text: 'One cart, as many shops as you like.' },
  { icon: IconClock, title: 'Choose when', text: 'Collect at a time that suits you, or get it delivered.' },
  { icon: IconCash, title: 'Pay at pickup', text: 'No card needed now. Follow your order live.' },
];

export function HowItWorks() {
  return (
    <Card padding="lg" radius="lg" className="mk-how" withBorder={false} bg="rgba(255,255,255,0.75)">
      <Stack gap="md">
        {STEPS.map((s) => (
          <Group key={s.title} wrap="nowrap" align="flex-start" gap="sm">
            <ThemeIcon size={38} radius="md" variant="light">
              <s.icon size={22} aria-hidden />
            </ThemeIcon>
            <div>
              <Text fw={700}>{s.title}</Text>
              <Text size="sm" c="#4a555c">
                {s.text}
              </Text>
            </div>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
