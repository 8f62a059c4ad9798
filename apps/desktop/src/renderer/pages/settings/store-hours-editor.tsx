import { ActionIcon, Button, Group, Stack, Switch, Text, TextInput, Tooltip } from '@mantine/core';
import { IconCopy, IconPlus, IconX } from '@tabler/icons-react';
import { dayProblem, WEEK, type HoursRange, type WeekHours } from './store-hours';

interface Props {
  week: WeekHours;
  disabled: boolean;
  onChange: (week: WeekHours) => void;
}

const DEFAULT_RANGE: HoursRange = { open: '09:00', close: '17:00' };

/** One row per weekday: open or closed, then its opening times (a lunch break is a second range). */
export function StoreHoursEditor({ week, disabled, onChange }: Props) {
  const set = (day: number, ranges: HoursRange[]) => onChange({ ...week, [day]: ranges });
  const monday = week[1] ?? [];
  return (
    <Stack gap={6}>
      {WEEK.map(({ day, name }) => {
        const ranges = week[day] ?? [];
        const problem = dayProblem(ranges);
        return (
          <Group key={day} wrap="nowrap" align="flex-start" gap="md" py={6} style={{ borderBottom: '1px solid var(--mantine-color-ink-1)' }} data-testid={`hours-${name}`}>
            <Switch
              size="lg"
              w={190}
              mt={8}
              label={<Text fw={600}>{name}</Text>}
              checked={ranges.length > 0}
              disabled={disabled}
              onChange={(e) => set(day, e.currentTarget.checked ? [{ ...DEFAULT_RANGE }] : [])}
            />
            <Stack gap={6} style={{ flex: 1 }}>
              {ranges.length === 0 && (
                <Text c="ink.6" mt={10}>
                  Closed
                </Text>
              )}
              {ranges.map((r, i) => (
                <Group key={i} gap="xs" wrap="nowrap">
                  <TextInput type="time" aria-label={`${name} opens`} value={r.open} disabled={disabled} w={130} onChange={(e) => set(day, ranges.map((x, j) => (j === i ? { ...x, open: e.currentTarget.value } : x)))} />
                  <Text c="ink.7">to</Text>
                  <TextInput
                    type="time"
                    aria-label={`${name} closes`}
                    value={r.close === '24:00' ? '23:59' : r.close}
                    disabled={disabled}
                    w={130}
                    onChange={(e) => set(day, ranges.map((x, j) => (j === i ? { ...x, close: e.currentTarget.value === '23:59' ? '24:00' : e.currentTarget.value } : x)))}
                  />
                  {ranges.length > 1 && !disabled && (
                    <Tooltip label="Remove these times">
                      <ActionIcon variant="subtle" color="ink" size="xl" aria-label={`Remove ${name} times`} onClick={() => set(day, ranges.filter((_, j) => j !== i))}>
                        <IconX size={20} />
                      </ActionIcon>
                    </Tooltip>
                  )}
                  {i === ranges.length - 1 && !disabled && ranges.length < 3 && (
                    <Button variant="subtle" size="sm" leftSection={<IconPlus size={16} />} onClick={() => set(day, [...ranges, { open: '14:00', close: '17:00' }])}>
                      Add times
                    </Button>
                  )}
                </Group>
              ))}
              {problem && (
                <Text c="red.8" size="sm">
                  {problem}
                </Text>
              )}
            </Stack>
            {day === 1 && !disabled && (
              <Button
                variant="light"
                size="sm"
                mt={4}
                leftSection={<IconCopy size={16} />}
                onClick={() => onChange({ ...week, 2: monday.map((r) => ({ ...r })), 3: monday.map((r) => ({ ...r })), 4: monday.map((r) => ({ ...r })), 5: monday.map((r) => ({ ...r })) })}
              >
                Same Tue–Fri
              </Button>
            )}
          </Group>
        );
      })}
    </Stack>
  );
}
