import { Button, Group, SegmentedControl, TextInput } from '@mantine/core';
import { useState } from 'react';
import { PRESETS, type PresetId, type RangeInput } from './report-range';

/** Today / yesterday / last 7 days / this month, or two dates (the shop's own calendar days). */
export function RangePicker({ value, onChange }: { value: RangeInput; onChange: (r: RangeInput) => void }) {
  const [custom, setCustom] = useState('preset' in value ? null : value);
  const [from, setFrom] = useState('from' in value ? value.from : '');
  const [to, setTo] = useState('to' in value ? value.to : '');
  const mode = 'preset' in value && custom === null ? value.preset : 'custom';

  return (
    <Group gap="sm" wrap="nowrap">
      <SegmentedControl
        size="md"
        value={mode}
        onChange={(v) => {
          if (v === 'custom') {
            setCustom({ from, to });
            return;
          }
          setCustom(null);
          onChange({ preset: v as PresetId });
        }}
        data={[...PRESETS, { value: 'custom', label: 'Dates…' }]}
        aria-label="Report period"
      />
      {mode === 'custom' && (
        <Group gap={6} wrap="nowrap">
          <TextInput size="md" type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} aria-label="From" w={160} />
          <TextInput size="md" type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} aria-label="To" w={160} />
          <Button size="md" disabled={!from || !to} onClick={() => onChange({ from, to })}>
            Show
          </Button>
        </Group>
      )}
    </Group>
  );
}
