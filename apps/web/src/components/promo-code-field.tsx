import { Badge, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconTicket } from '@tabler/icons-react';
import { useState, type SyntheticEvent } from 'react';
import type { CartQuotePromo } from '@makeries/shared';
import { money } from '../lib/format';

interface Props {
  /** the code in the cart, if any */
  code: string | null;
  /** the server's answer for it (null while it is being checked) */
  promo: CartQuotePromo | null;
  currency: string | null;
  checking: boolean;
  onApply: (code: string) => void;
  onRemove: () => void;
}

/** The cart's "Promo code" field: apply a code, see what it saves or why it does not apply, remove it. */
export function PromoCodeField({ code, promo, currency, checking, onApply, onRemove }: Props) {
  const [draft, setDraft] = useState('');
  function submit(e: SyntheticEvent) {
    e.preventDefault();
    if (draft.trim()) onApply(draft);
    setDraft('');
  }
  if (code) {
    const applied = promo?.applied === true;
    return (
      <Stack gap={4} data-testid="promo-code">
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
            <IconTicket size={18} aria-hidden />
            <Badge variant="light" color={applied ? 'green' : promo ? 'red' : 'gray'} size="lg" tt="none">
              {code}
            </Badge>
          </Group>
          <Button variant="subtle" size="compact-sm" onClick={onRemove} aria-label={`Remove the promo code ${code}`}>
            Remove
          </Button>
        </Group>
        {!promo && checking && (
          <Text size="sm" c="dimmed" role="status">
            Checking the code…
          </Text>
        )}
        {applied && currency && (
          <Text size="sm" c="green.9" fw={600} role="status" data-testid="promo-saving">
            You save {money(promo.totalCents, currency)}
            {promo.description ? ` — ${promo.description}` : ''}
          </Text>
        )}
        {promo && !applied && (
          <Text size="sm" c="red.8" fw={600} role="alert" data-testid="promo-refused">
            {promo.reason}
          </Text>
        )}
      </Stack>
    );
  }
  return (
    <form onSubmit={submit} data-testid="promo-form">
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <TextInput
          label="Promo code"
          value={draft}
          onChange={(e) => setDraft(e.currentTarget.value)}
          maxLength={40}
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          style={{ flex: 1 }}
        />
        <Button type="submit" variant="default" disabled={!draft.trim()}>
          Apply
        </Button>
      </Group>
    </form>
  );
}
