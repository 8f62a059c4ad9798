import { ActionIcon, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconArrowBackUp, IconTrash } from '@tabler/icons-react';
import { money } from '../../format/money';
import type { UiTender } from './tender-plan';

const TENDER_NAME: Record<UiTender['kind'], string> = { cash: 'Cash', external_card: 'Card machine', stripe_terminal: 'Card (reader)' };

interface Props {
  tenders: readonly UiTender[];
  currency: string;
  busy: boolean;
  onRemove: (t: UiTender) => void;
  onRelease: (attemptId: string) => void;
}

/** The part payments taken so far in a split tender, each by the method it was taken with. */
export function TenderPaidList({ tenders, currency, busy, onRemove, onRelease }: Props) {
  return (
    <Stack gap={4} data-testid="tender-paid">
      <Text fw={700} size="sm">
        Paid so far
      </Text>
      {tenders.map((t, i) => (
        <Group key={t.kind === 'stripe_terminal' ? t.attemptId : i} justify="space-between" wrap="nowrap" pl="sm" style={{ background: 'var(--mantine-color-ink-0)', borderRadius: 8 }} data-testid="tender-paid-row">
          <Text fw={600}>{TENDER_NAME[t.kind]}</Text>
          <Group gap="xs" wrap="nowrap">
            <Text fw={700} className="money">
              {money(t.amountCents, currency)}
            </Text>
            {t.kind === 'stripe_terminal' ? (
              <Tooltip label="Give this payment back to the customer's card">
                <ActionIcon variant="subtle" color="red" aria-label="Refund to card" disabled={busy} onClick={() => onRelease(t.attemptId)}>
                  <IconArrowBackUp size={20} />
                </ActionIcon>
              </Tooltip>
            ) : (
              <ActionIcon variant="subtle" color="red" aria-label={`Remove ${TENDER_NAME[t.kind]} payment`} onClick={() => onRemove(t)}>
                <IconTrash size={20} />
              </ActionIcon>
            )}
          </Group>
        </Group>
      ))}
    </Stack>
  );
}
