import { Card, Checkbox, Stack, Text, Title } from '@mantine/core';
import { loyaltyBestRedemption, loyaltyProgress, type CartQuote, type LoyaltyUse } from '@makeries/shared';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../app/api';
import { loyaltySaving } from '../../lib/cart/loyalty-totals';
import type { VendorGroupView } from '../../lib/cart/view';
import { money } from '../../lib/format';

export interface LoyaltyChoice {
  uses: LoyaltyUse[];
  /** Σ what the chosen redemptions take off the shops' totals */
  savingCents: number;
}

/**
 * Checkout's offer to redeem, for a signed-in customer with a card at a shop of the cart: "Use 120 points:
 * £1.20 off", "Use your free coffee: £3.00 off". The server checks the balance again when the order is placed.
 */
export function useLoyaltyOffers(groups: readonly VendorGroupView[], quote: CartQuote | null, signedIn: boolean) {
  const trpc = useTRPC();
  const vendorIds = groups.map((g) => g.vendorId);
  const cards = useQuery({ ...trpc.loyalty.forShops.queryOptions({ vendorIds }), enabled: signedIn && vendorIds.length > 0 });
  return groups.flatMap((g) => {
    const card = cards.data?.find((c) => c.vendorId === g.vendorId);
    if (!card || card.programme.kind === 'off') return [];
    const best = loyaltyBestRedemption(card.programme, card.units, g.goodsCents);
    const label =
      card.programme.kind === 'points'
        ? `Use ${best.units} points: ${money(best.cents, card.currency)} off`
        : `Use your ${card.programme.rewardName.trim() || 'reward'}${best.units > card.programme.stampsForReward ? ` ×${best.units / card.programme.stampsForReward}` : ''}: ${money(best.cents, card.currency)} off`;
    return [{ group: g, card, best, label, savingCents: loyaltySaving(g, quote, best), progress: loyaltyProgress(card.programme, card.units, card.currency) }];
  });
}

type Offer = ReturnType<typeof useLoyaltyOffers>[number];

export function loyaltyChoice(offers: readonly Offer[], chosen: ReadonlySet<string>): LoyaltyChoice {
  const picked = offers.filter((o) => chosen.has(o.group.vendorId) && o.best.units > 0);
  return { uses: picked.map((o) => ({ vendorId: o.group.vendorId, units: o.best.units })), savingCents: picked.reduce((s, o) => s + o.savingCents, 0) };
}

export function LoyaltyOffer({ offers, chosen, onToggle }: { offers: readonly Offer[]; chosen: ReadonlySet<string>; onToggle: (vendorId: string, on: boolean) => void }) {
  if (offers.length === 0) return null;
  return (
    <Card padding="lg" data-testid="loyalty-offer">
      <Title order={2} size="h4" mb="sm">
        Loyalty
      </Title>
      <Stack gap="sm">
        {offers.map((o) => (
          <div key={o.group.vendorId}>
            <Text size="sm" fw={600}>
              {o.group.vendorName}
            </Text>
            <Text size="sm" c="dimmed" mb={4}>
              {o.progress}
            </Text>
            {o.best.units > 0 && <Checkbox label={o.label} checked={chosen.has(o.group.vendorId)} onChange={(e) => onToggle(o.group.vendorId, e.currentTarget.checked)} />}
          </div>
        ))}
      </Stack>
    </Card>
  );
}
