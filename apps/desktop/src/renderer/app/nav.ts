import { createContext, useContext } from 'react';

export type Page = 'register' | 'orders' | 'online' | 'shift';

export interface NavTarget {
  page: Page;
  /** open this sale on the orders page */
  saleId?: string;
  /** open this web order in the inbox */
  orderId?: string;
}

export interface Nav {
  current: NavTarget;
  go(target: Page | NavTarget): void;
}

export const NavContext = createContext<Nav | null>(null);

export function useNav(): Nav {
  const nav = useContext(NavContext);
  if (!nav) throw new Error('useNav() outside the workspace');
  return nav;
}
