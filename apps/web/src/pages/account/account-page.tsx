import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { useTRPC, useTRPCClient } from '../../app/api';
import { MY_ORDERS } from '../../app/inputs';
import { trackingPath, useRecentOrders } from '../../lib/recent-orders';
import { AccountNav } from './account-nav';
import { AuthForms } from './auth-forms';
import { DigestSetting } from './digest-setting';
import { LoyaltyCards } from './loyalty-cards';
import { NotificationsSection } from './notifications-section';
import { SmsCard } from './notifications/sms-card';
import { OrderList } from './order-list';
import { SignedInOrders } from './signed-in-orders';
import { StockAlertsList } from './stock-alerts-list';
import { VerifyNotice } from './verify-notice';

export function AccountPage() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const me = useSuspenseQuery(trpc.auth.me.queryOptions()).data;
  const mine = useQuery({ ...trpc.orders.listMine.queryOptions(MY_ORDERS), enabled: me.kind === 'customer' }).data?.items ?? [];
  // orders already in the account list are not repeated under "this device"
  const recent = useRecentOrders().filter((r) => !mine.some((o) => o.id === r.id));

  async function signOut() {
    await client.auth.customerLogout.mutate();
    // a fresh page: nothing of the signed-in customer stays in memory
    window.location.assign('/account');
  }

  return (
    <Stack gap="lg" maw={720} mx="auto">
      {me.kind === 'customer' ? (
        <>
          <AccountNav />
          <Group justify="space-between" align="center">
            <div>
              <Title order={1} fz={{ base: 26, sm: 32 }}>
                Hello, {me.customer.name.split(' ')[0]}
              </Title>
              <Text c="dimmed" size="sm">
                {me.customer.email}
              </Text>
            </div>
            <Button variant="default" onClick={() => void signOut()}>
              Sign out
            </Button>
          </Group>
          <section aria-labelledby="orders-title">
            <Title id="orders-title" order={2} size="h3" mb="sm">
              Your orders
            </Title>
            {!me.customer.emailVerified && <VerifyNotice email={me.customer.email} />}
            <SignedInOrders />
          </section>
          <LoyaltyCards />
          <NotificationsSection>
            <SmsCard />
          </NotificationsSection>
          <StockAlertsList />
          <DigestSetting emailVerified={me.customer.emailVerified} />
        </>
      ) : (
        <>
          <Title order={1} fz={{ base: 26, sm: 32 }}>
            Your account
          </Title>
          <Card padding="lg" maw={460}>
            <AuthForms />
          </Card>
        </>
      )}
      {recent.length > 0 && (
        <section aria-labelledby="recent-title">
          <Title id="recent-title" order={2} size="h4" mb={4}>
            Orders placed on this device
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            Guest orders are kept here so you can follow them without an account.
          </Text>
          <OrderList orders={recent.map((o) => ({ ...o, href: trackingPath(o), again: { trackingToken: o.trackingToken } }))} empty="" />
        </section>
      )}
    </Stack>
  );
}
