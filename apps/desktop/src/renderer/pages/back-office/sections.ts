import type { BackOfficeSection } from '../../app/nav';
import type { SignedIn } from '../../api/types';
import { isManagerRole } from '../../components/role-label';

export interface SectionInfo {
  id: BackOfficeSection;
  label: string;
  hint: string;
  /** cashiers see it too; their changes ask for a manager's PIN */
  cashiers: boolean;
}

/** The back office's sections, in the order of the left list. */
const SECTIONS: readonly SectionInfo[] = [
  { id: 'catalog', label: 'Catalog', hint: 'Products and prices', cashiers: true },
  { id: 'stock', label: 'Stock', hint: 'Receive, count, adjust', cashiers: true },
  { id: 'reports', label: 'Reports', hint: 'Sales, products, staff', cashiers: false },
  { id: 'payments', label: 'Payments', hint: 'Card payments and payouts', cashiers: false },
  { id: 'promos', label: 'Promo codes', hint: 'Codes, uses, limits', cashiers: false },
  { id: 'bridge', label: 'Point of sale', hint: 'POS link, import, sync', cashiers: false },
  { id: 'loyalty', label: 'Loyalty', hint: 'Stamp card or points', cashiers: false },
  { id: 'settings', label: 'Settings', hint: 'Shop, printers, devices', cashiers: false },
];

export const isManager = (staff: Pick<SignedIn, 'role'>): boolean => isManagerRole(staff.role);

/** What this staff member may open: takings and settings are a manager's business. */
export function sectionsFor(staff: Pick<SignedIn, 'role'>, available: ReadonlySet<BackOfficeSection>): SectionInfo[] {
  return SECTIONS.filter((s) => available.has(s.id) && (s.cashiers || isManager(staff)));
}
