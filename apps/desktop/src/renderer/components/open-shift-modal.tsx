import { Alert, Button, Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../api/errors';
import { useTRPC } from '../api/trpc';
import { digitsToCents, money } from '../format/money';
import { AmountEntry } from './amount-entry';
import { FocusAnchor } from './focus-anchor';

/** Opens the till: count the float in the drawer and type it. Sales need an open shift. */
export function OpenShiftModal({ currency, onClose }: { currency: string; onClose: () => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [digits, setDigits] = useState('10000');
  const open = useMutation(trpc.shifts.open.mutationOptions({
    onSuccess: async () => {
      await qc.invalidateQueries(trpc.shifts.pathFilter());
      onClose();
    },
  }));
  const submit = () => open.mutate({ floatCents: digitsToCents(digits) });
  return (
    <Modal opened onClose={onClose} size="sm" title={<Text fw={700} size="xl">Open the till</Text>}>
      <FocusAnchor />
      <Stack>
        <Text>Count the cash in the drawer before the first sale and type the total (the float).</Text>
        <AmountEntry label="Float" digits={digits} onChange={setDigits} currency={currency} onEnter={submit} disabled={open.isPending} />
        {open.isError && (
          <Alert color="red" role="alert">
            {errorMessage(open.error)}
          </Alert>
        )}
        <Button size="xl" onClick={submit} loading={open.isPending}>
          Open shift with {money(digitsToCents(digits), currency)}
        </Button>
      </Stack>
    </Modal>
  );
}
