import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { parseMoney } from '@makeries/shared';
import { useQuery } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPC, useTRPCClient } from '../../api/trpc';
import { useApproval } from '../../app/approval';
import { formatRateLabel } from './quick-add-labels';
import type { ScanOutcome } from './use-cart';

interface Props {
  code: string;
  currency: string;
  onAdded: (outcome: ScanOutcome | null) => void;
  onClose: () => void;
}

/**
 * A barcode the catalog does not know, added as a product on the spot (the customer is waiting): name, price and
 * tax, then one goes into the sale. It reaches the marketplace like a sale does. Cashiers need a manager's PIN.
 */
export function QuickAddModal({ code, currency, onAdded, onClose }: Props) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const withApproval = useApproval();
  const options = useQuery(trpc.scanners.quickAddOptions.queryOptions());
  const [name, setName] = useState('');
  const [price, setPrice] = useState('');
  const [taxClass, setTaxClass] = useState<string | null>(null);
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const taxes = options.data?.taxRates ?? [];
  const chosenTax = taxClass ?? taxes.find((t) => t.taxClass === 'standard')?.taxClass ?? taxes[0]?.taxClass ?? null;

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setError(null);
    let priceCents: number;
    try {
      priceCents = parseMoney(price, currency);
    } catch (err) {
      setError(errorMessage(err));
      return;
    }
    if (!chosenTax) {
      setError('The shop has no tax rates yet: an owner sets them up in the back office.');
      return;
    }
    setBusy(true);
    try {
      const added = await withApproval('add a product', (approval) =>
        client.scanners.quickAdd.mutate({ code, name, priceCents, taxClass: chosenTax, categoryId, ...(approval ? { approval } : {}) }),
      );
      if (added) onAdded(added.scan);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} size="md" title={<Text fw={700} size="xl">New product</Text>}>
      <form onSubmit={(e) => void submit(e)}>
        <Stack>
          <Text c="ink.7">
            Code <b className="tabular">{code}</b> is not in the catalog. Add it now and it goes into this sale.
          </Text>
          <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={120} data-autofocus required />
          <Group grow align="flex-start">
            <TextInput label="Price" placeholder="0.00" value={price} onChange={(e) => setPrice(e.currentTarget.value)} inputMode="decimal" required />
            <Select
              label="Tax"
              data={taxes.map((t) => ({ value: t.taxClass, label: formatRateLabel(t) }))}
              value={chosenTax}
              onChange={setTaxClass}
              allowDeselect={false}
              size="lg"
            />
          </Group>
          {(options.data?.categories.length ?? 0) > 0 && (
            <Select
              label="Category (optional)"
              data={(options.data?.categories ?? []).map((c) => ({ value: c.id, label: c.name }))}
              value={categoryId}
              onChange={setCategoryId}
              clearable
              size="lg"
            />
          )}
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy} disabled={!name.trim() || !price.trim()}>
              Add and sell
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
