import { Button, Checkbox, Group, NumberInput, SegmentedControl, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { createMarketplacePromoInput, CreateMarketplacePromoInput } from '@makeries/shared';
import { useState, type SyntheticEvent } from 'react';
import type { z } from 'zod';

export type PromoDraft = z.input<typeof createMarketplacePromoInput>;

interface Props {
  currencySymbol: string;
  busy: boolean;
  error: string | null;
  onCreate: (input: PromoDraft) => void;
}

/** Minor units from a typed amount in major units ("2.50" → 250); the server validates the rest. */
const toCents = (v: number | string) => Math.round(Number(v) * 100);
const isoOrNull = (v: string) => (v ? new Date(v).toISOString() : null);

/** A new marketplace code: the discount, its conditions and its dates. Valid at every shop. */
export function CreatePromoForm({ currencySymbol, busy, error, onCreate }: Props) {
  const [code, setCode] = useState('');
  const [description, setDescription] = useState('');
  const [kind, setKind] = useState<'percent' | 'amount'>('percent');
  const [value, setValue] = useState<number | string>(10);
  const [minBasket, setMinBasket] = useState<number | string>(0);
  const [firstOrderOnly, setFirstOrderOnly] = useState(false);
  const [perCustomer, setPerCustomer] = useState<number | string>('');
  const [total, setTotal] = useState<number | string>('');
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');

  function submit(e: SyntheticEvent) {
    e.preventDefault();
    const discount: CreateMarketplacePromoInput['discount'] = kind === 'percent' ? { kind, bps: Math.round(Number(value) * 100) } : { kind, amountCents: toCents(value) };
    onCreate({
      code,
      description,
      discount,
      minBasketCents: toCents(minBasket),
      firstOrderOnly,
      perCustomerLimit: perCustomer === '' ? null : Number(perCustomer),
      totalLimit: total === '' ? null : Number(total),
      startsAt: isoOrNull(startsAt),
      endsAt: isoOrNull(endsAt),
    });
  }

  return (
    <form onSubmit={submit} data-testid="create-promo">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label="Code" description="Letters, digits, dashes; customers type it" value={code} onChange={(e) => setCode(e.currentTarget.value.toUpperCase())} required maxLength={32} />
          <TextInput label="Description" description="Shown to customers when it applies" value={description} onChange={(e) => setDescription(e.currentTarget.value)} maxLength={120} />
        </SimpleGrid>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <SegmentedControl
            aria-label="Discount kind"
            data={[
              { value: 'percent', label: 'Percentage' },
              { value: 'amount', label: 'Amount' },
            ]}
            value={kind}
            onChange={(v) => setKind(v === 'amount' ? 'amount' : 'percent')}
          />
          <NumberInput
            label={kind === 'percent' ? 'Percent off' : `Amount off (${currencySymbol})`}
            value={value}
            onChange={setValue}
            min={0}
            max={kind === 'percent' ? 100 : undefined}
            decimalScale={2}
            w={160}
          />
          <NumberInput label={`Minimum per shop (${currencySymbol})`} value={minBasket} onChange={setMinBasket} min={0} decimalScale={2} w={200} />
        </Group>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <NumberInput label="Uses per customer" placeholder="No limit" value={perCustomer} onChange={setPerCustomer} min={1} allowDecimal={false} w={170} />
          <NumberInput label="Uses in all" placeholder="No limit" value={total} onChange={setTotal} min={1} allowDecimal={false} w={170} />
          <TextInput type="datetime-local" label="Starts" value={startsAt} onChange={(e) => setStartsAt(e.currentTarget.value)} w={220} />
          <TextInput type="datetime-local" label="Ends" value={endsAt} onChange={(e) => setEndsAt(e.currentTarget.value)} w={220} />
        </Group>
        <Checkbox label="First order only (the customer’s first order at the marketplace)" checked={firstOrderOnly} onChange={(e) => setFirstOrderOnly(e.currentTarget.checked)} />
        {error && (
          <Text c="red.8" size="sm" fw={600} role="alert">
            {error}
          </Text>
        )}
        <Group>
          <Button type="submit" loading={busy} disabled={!code.trim()}>
            Create code
          </Button>
          <Text size="xs" c="dimmed">
            The marketplace pays for it: shops are paid as if the order were not discounted.
          </Text>
        </Group>
      </Stack>
    </form>
  );
}
