import { Alert, Button, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPC } from '../../api/trpc';
import { AmountEntry } from '../../components/amount-entry';
import { digitsToCents, money } from '../../format/money';

/** Cash into the drawer (change from the bank) or out of it (paying the window cleaner), with what for. */
export function CashMoveModal({ kind, currency, onClose }: { kind: 'paidIn' | 'paidOut'; currency: string; onClose: () => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [digits, setDigits] = useState('');
  const [reason, setReason] = useState('');
  const move = useMutation(
    trpc.shifts[kind].mutationOptions({
      onSuccess: async () => {
        await qc.invalidateQueries(trpc.shifts.pathFilter());
        onClose();
      },
    }),
  );
  const amount = digitsToCents(digits);
  const title = kind === 'paidIn' ? 'Cash paid in' : 'Cash paid out';
  return (
    <Modal opened onClose={onClose} size="sm" title={<Text fw={700} size="xl">{title}</Text>}>
      <Stack>
        <AmountEntry label={title} digits={digits} onChange={setDigits} currency={currency} disabled={move.isPending} />
        <TextInput
          label="What for"
          placeholder={kind === 'paidIn' ? 'e.g. change from the bank' : 'e.g. milk for the café'}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          maxLength={300}
        />
        {move.isError && (
          <Alert color="red" role="alert">
            {errorMessage(move.error)}
          </Alert>
        )}
        <Button size="xl" disabled={amount <= 0 || !reason.trim()} loading={move.isPending} onClick={() => move.mutate({ amountCents: amount, reason })}>
          {kind === 'paidIn' ? 'Pay in' : 'Pay out'} {money(amount, currency)}
        </Button>
      </Stack>
    </Modal>
  );
}
