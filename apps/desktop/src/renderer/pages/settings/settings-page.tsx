import { Box, ScrollArea, Tabs, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import type { SignedIn } from '../../api/types';
import { isManagerRole } from '../../components/role-label';
import { CardReadersPanel } from './card-readers-panel';
import { DevicePanel } from './device-panel';
import { PrintersPanel } from './printers-panel';
import { ScannersPanel } from './scanners-panel';
import { StoreSettingsPanel } from './store-settings-panel';

interface Tab {
  id: string;
  label: string;
  view: (canEdit: boolean) => ReactNode;
}

/** The settings tabs, in order. */
const TABS: Tab[] = [
  { id: 'store', label: 'Shop', view: (canEdit) => <StoreSettingsPanel canEdit={canEdit} /> },
  { id: 'printers', label: 'Printers', view: (canEdit) => <PrintersPanel canEdit={canEdit} /> },
  { id: 'scanners', label: 'Scanners', view: (canEdit) => <ScannersPanel canEdit={canEdit} /> },
  { id: 'cardReaders', label: 'Card readers', view: (canEdit) => <CardReadersPanel canEdit={canEdit} /> },
  { id: 'device', label: 'This counter', view: (canEdit) => <DevicePanel canEdit={canEdit} /> },
];

/** Back office → Settings: the shop, printers, scanners, card readers and this counter. */
export function SettingsPage({ staff }: { staff: SignedIn }) {
  const [tab, setTab] = useState(TABS[0]?.id ?? 'device');
  const canEdit = isManagerRole(staff.role);
  return (
    <Tabs value={tab} onChange={(v) => v && setTab(v)} keepMounted={false} style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}>
      <Box px="lg" pt="md" style={{ background: 'white', borderBottom: '1px solid var(--mantine-color-ink-2)' }}>
        <Title order={2} mb="xs">
          Settings
        </Title>
        <Tabs.List style={{ borderBottom: 0 }}>
          {TABS.map((t) => (
            <Tabs.Tab key={t.id} value={t.id} fz="md" py="md">
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Box>
      <ScrollArea style={{ flex: 1, minHeight: 0 }}>
        <Box p="lg" maw={1200}>
          {TABS.map((t) => (
            <Tabs.Panel key={t.id} value={t.id}>
              {t.view(canEdit)}
            </Tabs.Panel>
          ))}
        </Box>
      </ScrollArea>
    </Tabs>
  );
}
