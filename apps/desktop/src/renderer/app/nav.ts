import { createContext, useContext } from 'react';

export type Page = 'register' | 'orders' | 'online' | 'shift' | 'backOffice';

/** The sections of the back office page (left list). */
export type BackOfficeSection = 'catalog' | 'stock' | 'reports' | 'payments' | 'promos' | 'loyalty' | 'bridge' | 'settings';

export interface NavTarget {
  page: Page;
  /** open this sale on the orders page */
  saleId?: string;
  /** open this web order in the inbox */
  orderId?: string;
  /** open this back office section */
  section?: BackOfficeSection;
}

export interface Nav {
  current: NavTarget;
  go: (target: Page | NavTarget) => void;
}

export const NavContext = createContext<Nav | null>(null);

export function useNav(): Nav {
  const nav = useContext(NavContext);
  if (!nav) throw new Error('useNav() outside the workspace');
  return nav;
}
