import { Box } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useCallback, useMemo, useState } from 'react';
import type { DeviceStatus, SignedIn } from '../api/types';
import { StatusBar } from '../components/status-bar';
import { BackOfficePage } from '../pages/back-office/back-office-page';
import { OrdersPage } from '../pages/orders/orders-page';
import { RegisterPage } from '../pages/register/register-page';
import { ShiftsPage } from '../pages/shifts/shifts-page';
import { WebOrdersPage } from '../pages/web-orders/web-orders-page';
import { ApprovalProvider } from './approval';
import { NavContext, type Nav, type NavTarget, type Page } from './nav';
import { PAGES, TopBar } from './top-bar';
import { useWebOrderFeed } from './web-order-feed';

/** The signed-in counter: top navigation, the current screen, and the status bar. */
export function Workspace({ device, staff }: { device: DeviceStatus; staff: SignedIn }) {
  const [target, setTarget] = useState<NavTarget>({ page: 'register' });
  const go = useCallback((t: Page | NavTarget) => setTarget(typeof t === 'string' ? { page: t } : t), []);
  const nav = useMemo<Nav>(() => ({ current: target, go }), [target, go]);
  useWebOrderFeed((orderId) => go({ page: 'online', orderId }));
  // F-keys work from anywhere, inside text fields too
  useHotkeys(
    PAGES.map((p) => [p.key, () => go(p.page)] as [string, () => void]),
    [],
  );

  return (
    <NavContext.Provider value={nav}>
      <ApprovalProvider>
        <Box className="app-frame">
          <TopBar page={target.page} onGo={go} device={device} />
          <Box component="main" className="app-page">
            <h1 className="visually-hidden">
              {PAGES.find((p) => p.page === target.page)?.label} · {device.shop?.name ?? 'Makeries Counter'}
            </h1>
            {target.page === 'register' && <RegisterPage staff={staff} />}
            {target.page === 'orders' && <OrdersPage key={target.saleId ?? 'orders'} focusSaleId={target.saleId} />}
            {target.page === 'online' && <WebOrdersPage key={target.orderId ?? 'inbox'} focusOrderId={target.orderId} />}
            {target.page === 'shift' && <ShiftsPage staff={staff} />}
            {target.page === 'backOffice' && <BackOfficePage staff={staff} section={target.section} />}
          </Box>
          <StatusBar staff={staff} />
        </Box>
      </ApprovalProvider>
    </NavContext.Provider>
  );
}
