import { Button, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPrinter } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../api/errors';
import { useTRPC } from '../api/trpc';

interface Props {
  label: string;
  /** queues the print job; answers with the job so the notice can name the printer */
  print: () => Promise<{ job: { printerName: string }; created: boolean }>;
  role?: 'receipt' | 'kitchen';
  size?: 'md' | 'lg' | 'xl';
  variant?: 'default' | 'filled' | 'light';
}

/** A print button that knows whether a printer is set up; a print goes to the durable queue and returns at once. */
export function PrintButton({ label, print, role = 'receipt', size = 'lg', variant = 'default' }: Props) {
  const trpc = useTRPC();
  const printers = useQuery(trpc.printers.list.queryOptions(undefined, { staleTime: 60_000 }));
  const available = (printers.data ?? []).some((p) => p.enabled && (role === 'receipt' || p.role === 'kitchen' || p.role === 'receipt'));
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const r = await print();
      notifications.show({ color: 'brand', title: r.created ? 'Sent to the printer' : 'Already in the print queue', message: r.job.printerName });
    } catch (e) {
      notifications.show({ color: 'red', title: 'Not printed', message: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Tooltip label="No printer is set up on this counter (Settings → Printers)" disabled={available || printers.isPending}>
      <span>
        <Button size={size} variant={variant} leftSection={<IconPrinter />} onClick={() => void run()} loading={busy} disabled={!available} fullWidth>
          {available || printers.isPending ? label : 'No printer'}
        </Button>
      </span>
    </Tooltip>
  );
}
