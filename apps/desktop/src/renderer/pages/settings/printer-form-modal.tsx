import { Alert, Button, Group, Modal, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPC, useTRPCClient } from '../../api/trpc';
import type { Outputs } from '../../api/types';
import { BAUDS, CODE_PAGES, connectionProblem, connectionUrl, parseConnection, type Connection } from './printer-transport';

export type PrinterRow = Outputs['printers']['list'][number];

interface Form {
  name: string;
  role: 'receipt' | 'kitchen';
  connection: Connection;
  paperWidth: 58 | 80;
  codePage: string;
  hasDrawer: boolean;
  drawerPin: 0 | 1;
  enabled: boolean;
}

function formOf(p: PrinterRow | null): Form {
  if (!p) return { name: '', role: 'receipt', connection: { kind: 'tcp', host: '', port: 9100 }, paperWidth: 80, codePage: 'PC858_EURO', hasDrawer: false, drawerPin: 0, enabled: true };
  return {
    name: p.name,
    role: p.role,
    connection: parseConnection(p.transport),
    paperWidth: p.paperWidth === 58 ? 58 : 80,
    codePage: p.codePage,
    hasDrawer: p.hasDrawer,
    drawerPin: p.drawerPin === 1 ? 1 : 0,
    enabled: p.enabled,
  };
}

/** Add a printer, or change one: how it is connected, what it prints, paper, drawer. */
export function PrinterFormModal({ printer, onClose }: { printer: PrinterRow | null; onClose: () => void }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const qc = useQueryClient();
  const [f, setF] = useState<Form>(() => formOf(printer));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<Form>) => setF((x) => ({ ...x, ...patch }));
  const setConn = (c: Connection) => set({ connection: c });
  const c = f.connection;

  const save = async () => {
    const problem = connectionProblem(c);
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    setError(null);
    const fields = { name: f.name, role: f.role, transport: connectionUrl(c), paperWidth: f.paperWidth, codePage: f.codePage, hasDrawer: f.hasDrawer, drawerPin: f.drawerPin, enabled: f.enabled };
    try {
      if (printer) await client.printers.update.mutate({ printerId: printer.id, ...fields });
      else await client.printers.add.mutate(fields);
      await qc.invalidateQueries(trpc.printers.pathFilter());
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={<Text fw={700} size="lg">{printer ? `Change ${printer.name}` : 'Add a printer'}</Text>} size="lg">
      <Stack gap="sm">
        <SimpleGrid cols={2}>
          <TextInput label="Name" value={f.name} onChange={(e) => set({ name: e.currentTarget.value })} placeholder="Front till" data-autofocus maxLength={60} />
          <Select label="Prints" value={f.role} onChange={(v) => set({ role: v === 'kitchen' ? 'kitchen' : 'receipt' })} data={[{ value: 'receipt', label: 'Receipts' }, { value: 'kitchen', label: 'Kitchen tickets' }]} allowDeselect={false} size="lg" />
        </SimpleGrid>
        <Stack gap={6}>
          <Text fw={500} size="lg">
            Connected by
          </Text>
          <SegmentedControl
            value={c.kind}
            onChange={(k) => setConn(k === 'serial' ? { kind: 'serial', path: '', baud: 9600 } : k === 'os' ? { kind: 'os', queue: '' } : { kind: 'tcp', host: '', port: 9100 })}
            data={[
              { value: 'tcp', label: 'Network (IP)' },
              { value: 'serial', label: 'USB / serial' },
              { value: 'os', label: 'System printer' },
            ]}
          />
          {c.kind === 'tcp' && (
            <Group grow>
              <TextInput label="IP address or host name" value={c.host} onChange={(e) => setConn({ ...c, host: e.currentTarget.value })} placeholder="192.168.1.50" />
              <NumberInput label="Port" value={c.port} onChange={(v) => setConn({ ...c, port: typeof v === 'number' ? v : 9100 })} min={1} max={65535} allowDecimal={false} maw={140} />
            </Group>
          )}
          {c.kind === 'serial' && (
            <Group grow>
              <TextInput label="Port" value={c.path} onChange={(e) => setConn({ ...c, path: e.currentTarget.value })} placeholder="/dev/ttyUSB0 or COM3" />
              <Select label="Speed (baud)" value={String(c.baud)} onChange={(v) => setConn({ ...c, baud: Number(v ?? 9600) })} data={BAUDS.map(String)} allowDeselect={false} size="lg" maw={180} />
            </Group>
          )}
          {c.kind === 'os' && <TextInput label="Print queue name" value={c.queue} onChange={(e) => setConn({ ...c, queue: e.currentTarget.value })} placeholder="Star_TSP143" description="As the computer lists it (lpstat -p on macOS/Linux)." />}
        </Stack>
        <SimpleGrid cols={2}>
          <Stack gap={6}>
            <Text fw={500} size="lg">
              Paper width
            </Text>
            <SegmentedControl value={String(f.paperWidth)} onChange={(v) => set({ paperWidth: v === '58' ? 58 : 80 })} data={[{ value: '80', label: '80 mm' }, { value: '58', label: '58 mm' }]} />
          </Stack>
          <Select label="Character set" value={f.codePage} onChange={(v) => set({ codePage: v ?? 'PC858_EURO' })} data={[...CODE_PAGES]} allowDeselect={false} size="lg" searchable />
        </SimpleGrid>
        <Group justify="space-between" align="flex-end">
          <Switch size="lg" label="Cash drawer plugged into this printer" checked={f.hasDrawer} onChange={(e) => set({ hasDrawer: e.currentTarget.checked })} />
          {f.hasDrawer && (
            <SegmentedControl size="sm" value={String(f.drawerPin)} onChange={(v) => set({ drawerPin: v === '1' ? 1 : 0 })} data={[{ value: '0', label: 'Drawer pin 2' }, { value: '1', label: 'Drawer pin 5' }]} />
          )}
        </Group>
        <Switch size="lg" label="In use (turn off to stop sending jobs to it)" checked={f.enabled} onChange={(e) => set({ enabled: e.currentTarget.checked })} />
        {error && (
          <Alert color="red" title="Not saved" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button loading={busy} onClick={() => void save()}>
            {printer ? 'Save printer' : 'Add printer'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
