import { Alert, Badge, Box, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCash, IconPencil, IconPlus, IconPrinter, IconPrinterOff, IconTrash } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPC, useTRPCClient } from '../../api/trpc';
import { PrinterFormModal, type PrinterRow } from './printer-form-modal';
import { connectionText } from './printer-transport';

function useRun() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  return async (what: string, run: () => Promise<unknown>, done?: string) => {
    try {
      await run();
      if (done) notifications.show({ color: 'green', title: what, message: done });
    } catch (e) {
      notifications.show({ color: 'red', title: `${what}: not done`, message: errorMessage(e) });
    } finally {
      void qc.invalidateQueries(trpc.printers.pathFilter());
    }
  };
}

function PrinterCard({ p, canEdit, onEdit }: { p: PrinterRow; canEdit: boolean; onEdit: () => void }) {
  const client = useTRPCClient();
  const run = useRun();
  const other = p.role === 'receipt' ? 'kitchen' : 'receipt';
  return (
    <Paper withBorder radius="lg" p="md" data-testid="printer-card">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Group wrap="nowrap" align="flex-start" gap="md">
          {p.enabled ? <IconPrinter size={36} stroke={1.4} /> : <IconPrinterOff size={36} stroke={1.4} color="var(--mantine-color-ink-5)" />}
          <Box>
            <Group gap="xs">
              <Text fw={700} size="lg">
                {p.name}
              </Text>
              <Badge variant="light" color={p.role === 'receipt' ? 'brand' : 'grape'}>
                {p.role === 'receipt' ? 'Receipts' : 'Kitchen tickets'}
              </Badge>
              {!p.enabled && <Badge color="gray">Off</Badge>}
            </Group>
            <Text c="ink.7" size="sm">
              {connectionText(p.transport)} · {p.paperWidth} mm paper · {p.codePage}
            </Text>
            <Text c="ink.7" size="sm">
              {p.hasDrawer ? `Cash drawer on pin ${p.drawerPin === 0 ? 2 : 5}` : 'No cash drawer'}
            </Text>
          </Box>
        </Group>
        <Group gap="xs" wrap="nowrap">
          <Button size="md" variant="light" leftSection={<IconPrinter size={18} />} onClick={() => void run('Test print', () => client.printers.testPrint.mutate({ printerId: p.id }), `A test page is on its way to ${p.name}.`)}>
            Test print
          </Button>
          {p.hasDrawer && (
            <Button size="md" variant="default" leftSection={<IconCash size={18} />} onClick={() => void run('Open drawer', () => client.printers.openDrawer.mutate({ reason: 'Drawer test from Settings' }), 'The drawer should open now (logged as a no-sale).')}>
              Open drawer
            </Button>
          )}
          {canEdit && (
            <>
              <Button size="md" variant="default" onClick={() => void run('Change printer', () => client.printers.update.mutate({ printerId: p.id, role: other }), `${p.name} now prints ${other === 'receipt' ? 'receipts' : 'kitchen tickets'}.`)}>
                Use for {other === 'receipt' ? 'receipts' : 'kitchen'}
              </Button>
              <Button size="md" variant="default" leftSection={<IconPencil size={18} />} onClick={onEdit}>
                Change
              </Button>
              <Button size="md" variant="subtle" color="red" aria-label={`Remove ${p.name}`} onClick={() => void run('Remove printer', () => client.printers.remove.mutate({ printerId: p.id }), `${p.name} is removed.`)}>
                <IconTrash size={18} />
              </Button>
            </>
          )}
        </Group>
      </Group>
    </Paper>
  );
}

/** Settings → Printers: receipt and kitchen printers of this counter, test page, cash drawer. */
export function PrintersPanel({ canEdit }: { canEdit: boolean }) {
  const trpc = useTRPC();
  const printers = useQuery(trpc.printers.list.queryOptions());
  const [editing, setEditing] = useState<PrinterRow | 'new' | null>(null);
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Box>
          <Title order={3}>Printers</Title>
          <Text c="ink.7">Receipts print on the first receipt printer that is in use; kitchen tickets on a kitchen printer (or the receipt printer).</Text>
        </Box>
        {canEdit && (
          <Button leftSection={<IconPlus />} onClick={() => setEditing('new')}>
            Add printer
          </Button>
        )}
      </Group>
      {printers.isPending && <Loader />}
      {printers.isError && <Alert color="red" title="Could not load printers">{errorMessage(printers.error)}</Alert>}
      {printers.data?.length === 0 && (
        <Paper withBorder radius="lg" p="xl" ta="center">
          <Stack align="center" gap={4}>
            <IconPrinterOff size={44} stroke={1.3} color="var(--mantine-color-ink-5)" />
            <Text fw={600} size="lg">
              No printer set up yet
            </Text>
            <Text c="ink.7">Sales still work: receipts can be shown on screen or emailed. Add the receipt printer to print them.</Text>
          </Stack>
        </Paper>
      )}
      {printers.data?.map((p) => <PrinterCard key={p.id} p={p} canEdit={canEdit} onEdit={() => setEditing(p)} />)}
      {editing && <PrinterFormModal printer={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
