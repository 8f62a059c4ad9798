import { Center, Loader } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Suspense } from 'react';
import { Outlet, useNavigation, ScrollRestoration } from 'react-router';
import { Footer } from '../components/footer';
import { Header } from '../components/header';
import { NavigationProgress } from '../components/navigation-progress';
import { FocusOnNavigate } from './focus-on-navigate';
import { HydrationMark } from './hydration-mark';
import { SeoSync } from './seo-sync';
import { useTRPC } from './api';
import { useHydrated } from './use-hydrated';

export function RootLayout() {
  const trpc = useTRPC();
  // a shared page's HTML names nobody: who is signed in is asked once the whole page has hydrated
  const me = useQuery({ ...trpc.auth.me.queryOptions(), enabled: useHydrated() }).data;
  const navigation = useNavigation();
  return (
    <>
      <NavigationProgress active={navigation.state !== 'idle'} />
      <Header customerName={me?.kind === 'customer' ? me.customer.name : null} />
      <main id="main" className="mk-main" tabIndex={-1}>
        <Suspense
          fallback={
            <Center py={80}>
              <Loader aria-label="Loading" />
            </Center>
          }
        >
          <Outlet />
          <HydrationMark />
        </Suspense>
      </main>
      <Footer />
      <SeoSync />
      <FocusOnNavigate />
      <ScrollRestoration />
    </>
  );
}
