import { Alert, Box, Paper, SegmentedControl, Stack, Switch, Text } from '@mantine/core';
import type { SoldOutPolicy } from '@makeries/shared';
import { useStoreSave } from './store-save';
import type { StoreSettings } from './store-types';

const POLICY_HELP: Record<SoldOutPolicy, string> = {
  warn: 'The till asks “0 in stock — sell anyway?” before selling an item it shows as sold out.',
  block: 'The till will not sell an item it shows as sold out while online. Offline it only asks, because the sale has already happened.',
  allow: 'Sold-out items sell without a question (stock can go below zero; the low-stock list shows it).',
};

/** At the counter: what happens when staff sell what the till shows as sold out, and whether the close is blind. */
export function StoreCounterCard({ settings, canEdit }: { settings: StoreSettings; canEdit: boolean }) {
  const { submit, saving, message, errors } = useStoreSave();
  return (
    <Paper withBorder radius="lg" p="lg" data-testid="store-counter-card">
      <Text fw={700} size="lg">
        At the counter
      </Text>
      <Stack gap="md" mt="xs">
        <Box>
          <Text fw={600} id="sold-out-policy-label">
            Selling sold-out items
          </Text>
          <SegmentedControl
            aria-labelledby="sold-out-policy-label"
            mt={4}
            size="md"
            disabled={!canEdit || saving}
            value={settings.soldOutPolicy}
            onChange={(v) => submit({ soldOutPolicy: v as SoldOutPolicy })}
            data={[
              { value: 'warn', label: 'Ask first' },
              { value: 'block', label: 'Block (online)' },
              { value: 'allow', label: 'Allow' },
            ]}
          />
          <Text size="sm" c="ink.7" mt={4}>
            {POLICY_HELP[settings.soldOutPolicy]}
          </Text>
          {errors.soldOutPolicy && <Text c="red.8">{errors.soldOutPolicy}</Text>}
        </Box>
        <Switch
          size="lg"
          checked={settings.blindClose}
          disabled={!canEdit || saving}
          onChange={(e) => submit({ blindClose: e.currentTarget.checked })}
          label="Blind close"
          description="While the drawer is counted at shift close, the expected cash stays hidden; over or short shows after the count is submitted."
        />
        {message && (
          <Alert color="red" role="alert">
            {message}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
