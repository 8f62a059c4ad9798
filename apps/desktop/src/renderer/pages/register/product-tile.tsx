import { Badge, Group, Kbd, Text, UnstyledButton } from '@mantine/core';
import { IconScale } from '@tabler/icons-react';
import { money } from '../../format/money';

export interface TileProduct {
  variantId: string;
  name: string;
  variantName: string;
  priceCents: number;
  soldBy: 'each' | 'weight';
  trackStock: boolean;
  onHand?: number | null;
}

interface Props {
  p: TileProduct;
  currency: string;
  onPick: (p: TileProduct) => void;
  /** Alt+n shortcut shown in the corner */
  hotkey?: number;
  /** the hit Enter in the search box adds */
  primary?: boolean;
  /** the shop's rule for selling what the till shows as sold out */
  soldOutPolicy?: 'warn' | 'block' | 'allow';
}

const OUT_HINT = { warn: '0 in stock, asks before selling', block: 'sold out', allow: '0 in stock' } as const;

/** A quick key: tap to add one (or weigh it first). Name, price, and stock when it is running out. */
export function ProductTile({ p, currency, onPick, hotkey, primary, soldOutPolicy = 'warn' }: Props) {
  // the catalog calls a product's only variant "Default": not worth a word on a button
  const variant = p.variantName === 'Default' ? '' : p.variantName;
  const out = p.trackStock && p.onHand != null && p.onHand <= 0;
  const low = p.trackStock && p.onHand != null && p.onHand > 0 && p.onHand <= 3;
  return (
    <UnstyledButton
      className="tile"
      onClick={() => onPick(p)}
      data-stock={out ? 'out' : low ? 'low' : undefined}
      p="sm"
      style={{
        height: 108,
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'space-between',
        background: out && soldOutPolicy !== 'allow' ? 'var(--mantine-color-red-0)' : 'white',
        borderRadius: 'var(--mantine-radius-md)',
        border: primary ? '2px solid var(--mantine-color-brand-6)' : '1px solid var(--mantine-color-ink-2)',
        boxShadow: '0 1px 2px rgba(16,24,40,.06)',
        position: 'relative',
      }}
    >
      <Text fw={600} size="md" lh={1.2} lineClamp={2}>
        {/* the name read out is the tile's own text, led by what a tap does (axe: label-content-name-mismatch) */}
        <span className="visually-hidden">Add </span>
        {p.name}
        {variant ? (
          <Text span c="ink.7" fw={500}>
            {' '}
            · {variant}
          </Text>
        ) : null}
        {out ? <span className="visually-hidden"> ({OUT_HINT[soldOutPolicy]})</span> : null}
      </Text>
      <Group justify="space-between" wrap="nowrap" gap={4}>
        <Group gap={4} wrap="nowrap">
          <Text fw={800} size="lg" className="money">
            {money(p.priceCents, currency)}
          </Text>
          {p.soldBy === 'weight' && (
            <Group gap={2} c="ink.7" wrap="nowrap">
              <Text size="sm">/kg</Text>
              <IconScale size={16} />
            </Group>
          )}
        </Group>
        {out && (
          <Badge color={soldOutPolicy === 'allow' ? 'gray' : 'red'} variant={soldOutPolicy === 'block' ? 'filled' : 'light'} data-testid="tile-sold-out">
            {soldOutPolicy === 'block' ? 'Sold out' : '0 in stock'}
          </Badge>
        )}
        {low && (
          <Badge color="orange" variant="light">
            {p.onHand} left
          </Badge>
        )}
        {hotkey !== undefined && !out && !low && (
          <Kbd size="xs" c="ink.7">
            Alt {hotkey}
          </Kbd>
        )}
      </Group>
    </UnstyledButton>
  );
}
