import { Alert, Text } from '@mantine/core';
import { IconBan, IconHourglass, IconX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../api/trpc';

/** Re-asked now and then: the owner sees an approval without restarting the counter. */
const DARK_TITLE = { title: { color: 'var(--mantine-color-dark-8)' } };
const REFRESH_MS = 60_000;

/**
 * The shop's standing with Makeries above every back-office section (issue 17): waiting for approval, rejected or
 * suspended with the operator's reason. Nothing when approved, offline before the first answer, or not paired.
 */
export function StandingBanner() {
  const trpc = useTRPC();
  const standing = useQuery(trpc.store.standing.queryOptions(undefined, { refetchInterval: REFRESH_MS, retry: false })).data;
  if (!standing || standing.status === 'approved') return null;
  const reason = standing.reason ? `Reason: ${standing.reason}` : null;
  if (standing.status === 'pending') {
    return (
      <Alert color="yellow" radius={0} styles={DARK_TITLE} icon={<IconHourglass size={22} />} title="Waiting for Makeries to approve your shop — you can set up your catalog meanwhile" data-testid="standing-banner">
        <Text size="sm">Customers will see your shop on the storefront once it is approved. We will email the owner.</Text>
      </Alert>
    );
  }
  if (standing.status === 'rejected') {
    return (
      <Alert color="red" radius={0} styles={DARK_TITLE} icon={<IconX size={22} />} title="Makeries did not approve your shop" data-testid="standing-banner">
        <Text size="sm">{reason ?? 'We emailed the owner the reason.'} Reply to our email if you can put it right.</Text>
      </Alert>
    );
  }
  return (
    <Alert color="red" radius={0} styles={DARK_TITLE} icon={<IconBan size={22} />} title="Your shop is suspended on Makeries: it is hidden from the storefront and takes no online orders" data-testid="standing-banner">
      <Text size="sm">{reason ? `${reason}. ` : ''}The counter keeps selling in the shop and syncing as usual.</Text>
    </Alert>
  );
}
