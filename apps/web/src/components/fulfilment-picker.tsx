import { SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import type { VendorChoice } from '../lib/cart/cart';
import type { VendorGroupView } from '../lib/cart/view';
import { distanceLabel, money } from '../lib/format';
import { pickupSlots, slotsByDay } from '../lib/pickup-slots';

const ASAP = 'asap';

/**
 * Pickup or delivery for one shop, and when: "as soon as possible" while the shop is open, otherwise a slot
 * within its opening hours (the shop's own time zone). Only ever rendered in the browser (the cart is local).
 */
export function FulfilmentPicker({ group, hasDeliveryPoint, onChange }: { group: VendorGroupView; hasDeliveryPoint: boolean; onChange: (c: VendorChoice) => void }) {
  const v = group.vendor;
  const choice = group.choice;
  const slots = useMemo(() => (v ? pickupSlots(v.openingHours, v.timezone, new Date()) : []), [v]);
  if (!v) return null;
  const asapAllowed = v.isOpenNow;
  const data = [
    ...(asapAllowed ? [{ group: 'Now', items: [{ value: ASAP, label: 'As soon as possible' }] }] : []),
    ...slotsByDay(slots).map((d) => ({ group: d.day, items: d.slots.map((s) => ({ value: s.at, label: `${d.day} ${s.time}` })) })),
  ];
  const value = choice.pickupAt ?? (asapAllowed ? ASAP : null);
  const deliveryNote = (() => {
    if (choice.type !== 'delivery') return null;
    if (!hasDeliveryPoint) return 'Enter your postcode below to see the delivery fee.';
    if (v.delivery) return `${v.delivery.zoneName} zone · ${distanceLabel(v.delivery.distanceMeters)} · delivery ${money(v.delivery.feeCents, v.currency)}`;
    return null;
  })();

  return (
    <Stack gap={8}>
      <SegmentedControl
        aria-label={`Pickup or delivery from ${v.name}`}
        value={choice.type}
        onChange={(t) => onChange({ type: t as VendorChoice['type'], pickupAt: choice.pickupAt })}
        data={[
          { value: 'pickup', label: 'Pickup', disabled: !v.pickupEnabled },
          { value: 'delivery', label: v.deliveryEnabled ? 'Delivery' : 'No delivery', disabled: !v.deliveryEnabled },
        ]}
        fullWidth
        maw={320}
      />
      <Select
        label={choice.type === 'pickup' ? 'Pickup time' : 'Delivery time'}
        placeholder="Choose a time"
        data={data}
        value={value}
        onChange={(val) => onChange({ ...choice, pickupAt: !val || val === ASAP ? null : val })}
        allowDeselect={false}
        maxDropdownHeight={280}
        maw={320}
        size="sm"
        nothingFoundMessage="No times in the next days"
      />
      {deliveryNote && (
        <Text size="xs" c="dimmed">
          {deliveryNote}
        </Text>
      )}
    </Stack>
  );
}
