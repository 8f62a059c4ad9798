import { Anchor, AppShell, Box, Burger, Button, Center, Group, Loader, NavLink, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBuildingStore, IconFlag, IconHeartbeat, IconHistory, IconLayoutDashboard, IconReceipt, IconShieldLock, IconTicket, IconUserCircle } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Suspense, useEffect, type ComponentType } from 'react';
import { Link, Outlet, ScrollRestoration, useLocation, useNavigate } from 'react-router';
import { failureOf, useTRPC } from '../../app/api';
import { FocusOnNavigate } from '../../app/focus-on-navigate';
import { HydrationMark } from '../../app/hydration-mark';
import { SeoSync } from '../../app/seo-sync';
import { weekdayTimeLabel } from '../../lib/format';
import { signInPath } from './admin-loaders';

interface NavItem {
  to: string;
  label: string;
  icon: ComponentType<{ size?: number; stroke?: number }>;
}

const NAV: NavItem[] = [
  { to: '/admin', label: 'Overview', icon: IconLayoutDashboard },
  { to: '/admin/shops', label: 'Shops', icon: IconBuildingStore },
  { to: '/admin/content', label: 'Content', icon: IconFlag },
  { to: '/admin/orders', label: 'Orders & disputes', icon: IconReceipt },
  { to: '/admin/health', label: 'Health', icon: IconHeartbeat },
  { to: '/admin/promos', label: 'Promotions', icon: IconTicket },
  { to: '/admin/audit', label: 'Audit log', icon: IconHistory },
  { to: '/admin/account', label: 'Your account', icon: IconUserCircle },
];

const isActive = (pathname: string, to: string) => (to === '/admin' ? pathname === '/admin' || pathname === '/admin/' : pathname === to || pathname.startsWith(`${to}/`));

function PageFallback() {
  return (
    <Center py={80}>
      <Loader aria-label="Loading" />
    </Center>
  );
}

/**
 * Every console page, signed in or not: the head kept in step (noindex), focus and scroll on navigation, and the
 * hydration mark browser tests wait for. Outside the storefront's layout: no shop header, no cart.
 */
export function AdminFrame() {
  return (
    <>
      <Suspense fallback={<PageFallback />}>
        <Outlet />
        <HydrationMark />
      </Suspense>
      <SeoSync />
      <FocusOnNavigate />
      <ScrollRestoration />
    </>
  );
}

function useSignOut() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signOut = useMutation(trpc.admin.signOut.mutationOptions());
  return {
    pending: signOut.isPending,
    run: async () => {
      await signOut.mutateAsync();
      // nothing the console loaded may outlive the session in this tab
      queryClient.clear();
      await navigate('/admin/sign-in');
    },
  };
}

/** The signed-in console: header (who, until when, sign out), the areas in a side bar (a menu on phones). */
export function AdminLayout() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // asked again every minute and when the tab comes back: a session ended elsewhere (signed out in another tab,
  // the account disabled) sends the operator to sign in instead of leaving a console that can do nothing
  const meQuery = useQuery({ ...trpc.admin.me.queryOptions(), refetchInterval: 60_000, refetchOnWindowFocus: 'always', retry: false });
  const me = meQuery.data;
  const [opened, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const signOut = useSignOut();

  useEffect(close, [pathname, close]);
  // the session is short and never extended: when it ends, back to sign-in, then on to where the operator was
  const expiresAt = me?.expiresAt ?? null;
  useEffect(() => {
    if (!expiresAt) return;
    const timer = setTimeout(
      () => {
        queryClient.clear();
        void navigate(signInPath(window.location.pathname + window.location.search, true));
      },
      Math.max(0, Date.parse(expiresAt) - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [expiresAt, navigate, queryClient]);

  const ended = meQuery.error !== null && failureOf(meQuery.error).appCode === 'UNAUTHENTICATED';
  useEffect(() => {
    if (!ended) return;
    queryClient.clear();
    void navigate(signInPath(window.location.pathname + window.location.search, true));
  }, [ended, navigate, queryClient]);

  const who = me ? (
    <Box>
      <Text size="sm" fw={600} lh={1.2}>
        {me.operator.name}
      </Text>
      {me.expiresAt && (
        <Text size="xs" c="dimmed" lh={1.3}>
          Session ends {weekdayTimeLabel(me.expiresAt)}
        </Text>
      )}
    </Box>
  ) : null;

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding={0}>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={opened ? 'Close the menu' : 'Open the menu'} aria-expanded={opened} />
            <Anchor component={Link} to="/admin" underline="never" fw={800} fz="lg" c="brand.9" display="inline-flex" style={{ alignItems: 'center', gap: 8 }}>
              <Box component="span" visibleFrom="sm" display="inline-flex">
                <IconShieldLock size={24} stroke={1.7} aria-hidden />
              </Box>
              Makeries operator
            </Anchor>
          </Group>
          <Group gap="md" wrap="nowrap">
            <Box visibleFrom="xs" ta="right">
              {who}
            </Box>
            <Button variant="default" size="xs" onClick={() => void signOut.run()} loading={signOut.pending}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label="Console">
        <Box hiddenFrom="xs" px="sm" pb="sm" mb="xs" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
          {who}
        </Box>
        <Stack gap={2}>
          {NAV.map(({ to, label, icon: Icon }) => (
            <NavLink
              key={to}
              component={Link}
              to={to}
              label={label}
              active={isActive(pathname, to)}
              leftSection={<Icon size={18} stroke={1.7} />}
              aria-current={isActive(pathname, to) ? 'page' : undefined}
            />
          ))}
        </Stack>
        <Box mt="auto" px="sm" pt="md">
          <Anchor href="/" size="sm" c="dimmed">
            Open the storefront
          </Anchor>
        </Box>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Box maw={1120} mx="auto" px={{ base: 'md', sm: 'xl' }} py={{ base: 'md', sm: 'lg' }}>
          <Outlet />
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
