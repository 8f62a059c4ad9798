import { Alert, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { StoreHoursEditor } from './store-hours-editor';
import { dayProblem, fromWeek, sameHours, toWeek, WEEK, type WeekHours } from './store-hours';
import { useStoreSave } from './store-save';
import type { StoreSettings } from './store-types';

/** Weekly opening hours in the shop's time zone: the storefront offers pickup times inside them. */
export function StoreHoursCard({ settings, canEdit }: { settings: StoreSettings; canEdit: boolean }) {
  const [week, setWeek] = useState<WeekHours>(() => toWeek(settings.openingHours));
  const { message, errors, saving, submit } = useStoreSave();
  const hours = fromWeek(week);
  const dirty = !sameHours(hours, settings.openingHours);
  const invalid = WEEK.some(({ day }) => dayProblem(week[day] ?? []) !== null);
  return (
    <Paper withBorder radius="lg" p="lg">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end">
          <div>
            <Text fw={700} size="lg">
              Opening hours
            </Text>
            <Text c="ink.7" size="sm">
              Times are in the shop’s time zone ({settings.timezone}). Web customers pick a pickup time inside them.
            </Text>
          </div>
        </Group>
        <StoreHoursEditor week={week} disabled={!canEdit} onChange={setWeek} />
        {(message ?? errors.openingHours) && <Alert color="red">{message ?? errors.openingHours}</Alert>}
        {hours.length === 0 && <Alert color="orange">With no opening hours, the storefront shows the shop as closed.</Alert>}
        {canEdit && (
          <Group justify="flex-end">
            <Button variant="default" disabled={!dirty || saving} onClick={() => setWeek(toWeek(settings.openingHours))}>
              Undo changes
            </Button>
            <Button disabled={!dirty || invalid} loading={saving} onClick={() => submit({ openingHours: hours })}>
              Save hours
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
