import { Alert, Button, Divider, Group, Paper, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { RECEIPT_TEXT_MAX_LINE, RECEIPT_TEXT_MAX_LINES } from '@makeries/shared';
import { useState } from 'react';
import { StoreLogoPicker } from './store-logo-picker';
import { StoreReceiptSample } from './store-receipt-sample';
import { changedFields, useStoreSave } from './store-save';
import type { StoreSettings } from './store-types';

type ReceiptTexts = Pick<StoreSettings, 'receiptHeader' | 'receiptFooter' | 'taxNumber'>;
const pick = (s: StoreSettings): ReceiptTexts => ({ receiptHeader: s.receiptHeader, receiptFooter: s.receiptFooter, taxNumber: s.taxNumber });

function tooLong(text: string): string | null {
  const lines = text.split('\n');
  if (lines.length > RECEIPT_TEXT_MAX_LINES) return `At most ${RECEIPT_TEXT_MAX_LINES} lines`;
  const long = lines.findIndex((l) => l.trim().length > RECEIPT_TEXT_MAX_LINE);
  return long >= 0 ? `Line ${long + 1} is longer than ${RECEIPT_TEXT_MAX_LINE} characters` : null;
}

/** What every receipt says besides the sale: logo, tax number, a header and a footer, with a live sample. */
export function StoreReceiptForm({ settings, canEdit }: { settings: StoreSettings; canEdit: boolean }) {
  const [draft, setDraft] = useState<ReceiptTexts>(() => pick(settings));
  const { errors, message, saving, submit } = useStoreSave();
  const changes = changedFields(draft, pick(settings));
  const dirty = Object.keys(changes).length > 0;
  const headerProblem = tooLong(draft.receiptHeader);
  const footerProblem = tooLong(draft.receiptFooter);
  return (
    <Paper withBorder radius="lg" p="lg">
      <SimpleGrid cols={2} spacing="xl" style={{ gridTemplateColumns: 'minmax(0, 1fr) 320px' }}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (dirty && !headerProblem && !footerProblem) submit(changes);
          }}
        >
          <Stack gap="sm">
            <Text fw={700} size="lg">
              Receipts
            </Text>
            <StoreLogoPicker settings={settings} canEdit={canEdit} />
            <Divider />
            <TextInput
              label="Tax number"
              description="Printed under the address, exactly as typed (e.g. VAT GB 123 4567 89)."
              value={draft.taxNumber}
              onChange={(e) => setDraft({ ...draft, taxNumber: e.currentTarget.value })}
              maxLength={40}
              disabled={!canEdit}
              error={errors.taxNumber}
            />
            <Textarea
              label="Header"
              description="Under the shop’s name and address: opening times, a welcome, your website."
              autosize
              minRows={2}
              maxRows={6}
              value={draft.receiptHeader}
              onChange={(e) => setDraft({ ...draft, receiptHeader: e.currentTarget.value })}
              disabled={!canEdit}
              error={headerProblem ?? errors.receiptHeader}
              data-testid="receipt-header"
            />
            <Textarea
              label="Footer"
              description="At the bottom: a thank-you, your returns policy. Empty prints “Thank you!”."
              autosize
              minRows={2}
              maxRows={6}
              value={draft.receiptFooter}
              onChange={(e) => setDraft({ ...draft, receiptFooter: e.currentTarget.value })}
              disabled={!canEdit}
              error={footerProblem ?? errors.receiptFooter}
            />
            {message && <Alert color="red">{message}</Alert>}
            {canEdit && (
              <Group justify="flex-end">
                <Button variant="default" disabled={!dirty || saving} onClick={() => setDraft(pick(settings))}>
                  Undo changes
                </Button>
                <Button type="submit" disabled={!dirty || headerProblem !== null || footerProblem !== null} loading={saving}>
                  Save receipt
                </Button>
              </Group>
            )}
          </Stack>
        </form>
        <StoreReceiptSample settings={settings} draft={draft} />
      </SimpleGrid>
    </Paper>
  );
}
