import { Badge } from '@mantine/core';

const LOOK = {
  pending: { color: 'yellow', label: 'Waiting to send' },
  applied: { color: 'green', label: 'Sent' },
  rejected: { color: 'orange', label: 'Needs attention' },
} as const;

/** Whether the marketplace has this record yet. */
export function SyncBadge({ status }: { status: keyof typeof LOOK }) {
  const l = LOOK[status];
  return (
    <Badge color={l.color} variant="light">
      {l.label}
    </Badge>
  );
}
