import { Alert, Anchor, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconBuildingStore, IconChevronRight, IconFlag, IconHeartbeat, IconHistory, IconReceipt } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ComponentType } from 'react';
import { Link } from 'react-router';
import { useTRPC } from '../../app/api';

/** yellow's own title colour is too faint on its light background (WCAG AA): the title in dark text */
const WARNING_TITLE = { title: { color: 'var(--mantine-color-dark-8)' } };

interface Area {
  to: string;
  title: string;
  text: string;
  icon: ComponentType<{ size?: number; stroke?: number }>;
}

const AREAS: Area[] = [
  { to: '/admin/shops', title: 'Shops', text: 'Applications to approve, suspensions, fees and what each shop may offer.', icon: IconBuildingStore },
  { to: '/admin/content', title: 'Content', text: 'Reported products, shops and reviews: hide or restore, with a reason.', icon: IconFlag },
  { to: '/admin/orders', title: 'Orders & disputes', text: 'Find any order, see its timeline, refund a customer, follow disputes.', icon: IconReceipt },
  { to: '/admin/health', title: 'Health', text: 'Sales, shops, counters and queues: is the market working?', icon: IconHeartbeat },
  { to: '/admin/audit', title: 'Audit log', text: 'Every operator action: who, what, before and after, and why.', icon: IconHistory },
];

/** `/admin`: where the operator starts; one card per area of the console. */
export function AdminHomePage() {
  const trpc = useTRPC();
  const me = useQuery(trpc.admin.me.queryOptions()).data;
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1} size="h2">
          Operator console
        </Title>
        <Text c="dimmed">{me ? `Signed in as ${me.operator.name} (${me.operator.email}).` : 'The marketplace, from the operator’s side.'}</Text>
      </Stack>
      {me && me.recoveryCodesLeft <= 3 && (
        <Alert color="yellow" variant="light" styles={WARNING_TITLE} title={`${me.recoveryCodesLeft} recovery code${me.recoveryCodesLeft === 1 ? '' : 's'} left`}>
          Recovery codes get you in when your phone is lost.{' '}
          <Anchor component={Link} to="/admin/account">
            Make new ones
          </Anchor>{' '}
          before you run out.
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
        {AREAS.map(({ to, title, text, icon: Icon }) => (
          <Card key={to} component={Link} to={to} padding="lg" radius="lg">
            <Group justify="space-between" align="flex-start" wrap="nowrap" mb="xs">
              <ThemeIcon variant="light" size={40} radius="md">
                <Icon size={22} stroke={1.7} />
              </ThemeIcon>
              <IconChevronRight size={18} stroke={1.6} color="var(--mantine-color-gray-5)" aria-hidden />
            </Group>
            <Text fw={700} size="lg">
              {title}
            </Text>
            <Text size="sm" c="dimmed" mt={4}>
              {text}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
