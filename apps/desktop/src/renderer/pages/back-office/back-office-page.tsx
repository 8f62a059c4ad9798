import { Box } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import type { BackOfficeSection } from '../../app/nav';
import type { SignedIn } from '../../api/types';
import { BridgeSection } from '../bridge/bridge-section';
import { CatalogSection } from '../catalog/catalog-section';
import { LoyaltySection } from '../loyalty/loyalty-section';
import { PayoutsSection } from '../payouts/payouts-section';
import { PromosSection } from '../promos/promos-section';
import { ReportsSection } from '../reports/reports-section';
import { SettingsPage } from '../settings/settings-page';
import { StockSection } from '../stock/stock-section';
import { SectionNav } from './section-nav';
import { isManager, sectionsFor } from './sections';
import { StandingBanner } from './standing-banner';

/** Each mounted section; a section missing here is not offered in the list. */
const VIEWS: Partial<Record<BackOfficeSection, (staff: SignedIn) => ReactNode>> = {
  catalog: (staff) => <CatalogSection staff={staff} />,
  stock: (staff) => <StockSection staff={staff} />,
  reports: () => <ReportsSection />,
  payments: () => <PayoutsSection />,
  promos: () => <PromosSection />,
  bridge: () => <BridgeSection />,
  loyalty: () => <LoyaltySection />,
  settings: (staff) => <SettingsPage staff={staff} />,
};

/** Back office (F5): catalog, stock, reports and settings, in a left list; cashiers see only what they may use. */
export function BackOfficePage({ staff, section }: { staff: SignedIn; section: BackOfficeSection | undefined }) {
  const sections = sectionsFor(staff, new Set(Object.keys(VIEWS) as BackOfficeSection[]));
  const [picked, setPicked] = useState<BackOfficeSection | undefined>(section);
  const current = sections.find((s) => s.id === picked)?.id ?? sections[0]?.id ?? 'stock';
  const view = VIEWS[current];
  return (
    <Box style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}>
      <StandingBanner />
      <Box style={{ display: 'grid', gridTemplateColumns: 'clamp(184px, 18vw, 232px) minmax(0, 1fr)', flex: 1, minHeight: 0 }}>
        <SectionNav sections={sections} current={current} onOpen={setPicked} managerOnlyHidden={!isManager(staff)} />
        <Box style={{ minHeight: 0, minWidth: 0, overflow: 'hidden' }} data-testid={`back-office-${current}`}>
          {view?.(staff)}
        </Box>
      </Box>
    </Box>
  );
}
