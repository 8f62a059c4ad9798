import { Alert, Badge, Button, Group, Text } from '@mantine/core';
import { posProviderName } from '@makeries/shared';
import { IconExternalLink, IconPlugConnected } from '@tabler/icons-react';

/*
 * A product bridged from a point of sale (Square): the POS owns its name, variants, prices, tax, archive state
 * and stock, so the back office shows those read-only with a way to edit them there. The counter and the server
 * refuse such edits anyway (core catalog-edit/pos-owned.ts); these only make it visible before anyone tries.
 */

/** "From Square" next to the product's name. */
export function PosBadge({ provider }: { provider: string }) {
  return (
    <Badge color="indigo" variant="light" leftSection={<IconPlugConnected size={14} />} data-testid="pos-badge">
      From {posProviderName(provider)}
    </Badge>
  );
}

/** Opens the item in the POS's dashboard; Electron hands window.open to the system browser (main/security.ts). */
function EditInPosButton({ provider, url, size = 'md' }: { provider: string; url: string | null; size?: 'md' | 'lg' }) {
  if (!url) return null;
  return (
    <Button
      variant="light"
      color="indigo"
      size={size}
      style={{ flexShrink: 0 }}
      leftSection={<IconExternalLink size={18} />}
      onClick={() => void window.open(url, '_blank', 'noopener')}
    >
      Edit in {posProviderName(provider)}
    </Button>
  );
}

/** Read-only fields of a bridged product stay legible: Mantine's disabled look greys the value out. */
export const LOCKED_INPUT_STYLES = { input: { opacity: 1, color: 'var(--mantine-color-ink-8)' } } as const;

/** What is edited where, at the top of the product editor. */
export function PosOwnedNotice({ provider, url }: { provider: string; url: string | null }) {
  const pos = posProviderName(provider);
  return (
    <Alert color="indigo" variant="light" icon={<IconPlugConnected size={20} />} title={`This product comes from ${pos}`} data-testid="pos-notice">
      <Group justify="space-between" align="center" wrap="nowrap" gap="md">
        <Text size="sm">
          Its name, variants, SKUs, barcodes, prices, tax, archiving and stock are edited in {pos}. Web shop visibility, category, description, dietary
          tags and photos are edited here.
        </Text>
        <EditInPosButton provider={provider} url={url} />
      </Group>
    </Alert>
  );
}
