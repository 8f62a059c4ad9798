import { Button, Checkbox, Group, NumberInput, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import type { createShopPromoInput } from '@makeries/shared';
import { useState, type SyntheticEvent } from 'react';
import type { z } from 'zod';

export type ShopPromoDraft = z.input<typeof createShopPromoInput>;

const toCents = (v: number | string) => Math.round(Number(v) * 100);

/** A new shop code: percentage or amount off, minimum basket, first order only and limits. */
export function PromoForm({ busy, error, onCreate }: { busy: boolean; error: string | null; onCreate: (draft: ShopPromoDraft) => void }) {
  const [code, setCode] = useState('');
  const [description, setDescription] = useState('');
  const [kind, setKind] = useState<'percent' | 'amount'>('percent');
  const [value, setValue] = useState<number | string>(10);
  const [minBasket, setMinBasket] = useState<number | string>(0);
  const [perCustomer, setPerCustomer] = useState<number | string>('');
  const [total, setTotal] = useState<number | string>('');
  const [firstOrderOnly, setFirstOrderOnly] = useState(false);

  function submit(e: SyntheticEvent) {
    e.preventDefault();
    onCreate({
      code,
      description,
      discount: kind === 'percent' ? { kind, bps: Math.round(Number(value) * 100) } : { kind, amountCents: toCents(value) },
      minBasketCents: toCents(minBasket),
      firstOrderOnly,
      perCustomerLimit: perCustomer === '' ? null : Number(perCustomer),
      totalLimit: total === '' ? null : Number(total),
    });
  }

  return (
    <form onSubmit={submit} data-testid="promo-form">
      <Stack gap="sm">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput label="Code" value={code} onChange={(e) => setCode(e.currentTarget.value.toUpperCase())} maxLength={32} required w={200} />
          <TextInput label="Description" value={description} onChange={(e) => setDescription(e.currentTarget.value)} maxLength={120} style={{ flex: 1, minWidth: 200 }} />
        </Group>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <SegmentedControl
            aria-label="Discount kind"
            data={[
              { value: 'percent', label: '% off' },
              { value: 'amount', label: '£ off' },
            ]}
            value={kind}
            onChange={(v) => setKind(v === 'amount' ? 'amount' : 'percent')}
          />
          <NumberInput label={kind === 'percent' ? 'Percent off' : 'Amount off'} value={value} onChange={setValue} min={0} decimalScale={2} w={140} />
          <NumberInput label="Minimum basket" value={minBasket} onChange={setMinBasket} min={0} decimalScale={2} w={150} />
          <NumberInput label="Per customer" placeholder="No limit" value={perCustomer} onChange={setPerCustomer} min={1} allowDecimal={false} w={130} />
          <NumberInput label="Uses in all" placeholder="No limit" value={total} onChange={setTotal} min={1} allowDecimal={false} w={130} />
        </Group>
        <Checkbox label="First order at this shop only" checked={firstOrderOnly} onChange={(e) => setFirstOrderOnly(e.currentTarget.checked)} />
        {error && (
          <Text c="red.8" fw={600} role="alert">
            {error}
          </Text>
        )}
        <Group>
          <Button type="submit" size="md" loading={busy} disabled={!code.trim()}>
            Create code
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
