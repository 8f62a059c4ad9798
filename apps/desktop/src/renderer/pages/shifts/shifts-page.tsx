import { Badge, Box, Button, Group, Loader, ScrollArea, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArrowDownRight, IconArrowUpRight, IconCash, IconLock, IconLockOpen } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPC, useTRPCClient } from '../../api/trpc';
import type { SignedIn } from '../../api/types';
import { OpenShiftModal } from '../../components/open-shift-modal';
import { PrintButton } from '../../components/print-button';
import { useCurrency } from '../../hooks/use-currency';
import { CashMoveModal } from './cash-move-modal';
import { CloseShiftPanel } from './close-shift-panel';
import { NoSaleModal } from './no-sale-modal';
import { ShiftReportCard } from './shift-report-card';

type Dialog = 'open' | 'paidIn' | 'paidOut' | 'noSale' | null;

/** The till: open with a float, cash in and out, no-sale, X report, and close with the count (Z report). */
export function ShiftsPage(_: { staff: SignedIn }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const currency = useCurrency();
  const current = useQuery(trpc.shifts.current.queryOptions());
  const open = current.data != null;
  const x = useQuery(trpc.shifts.xReport.queryOptions(undefined, { enabled: open }));
  const staff = useQuery(trpc.staff.list.queryOptions());
  const [dialog, setDialog] = useState<Dialog>(null);
  const [closing, setClosing] = useState(false);
  // with the till closed, the last Z report stays on screen (to print, or to check the count again)
  const z = useQuery(trpc.shifts.zReport.queryOptions({}, { enabled: current.isSuccess && !open, retry: false }));
  const staffName = (id: string) => staff.data?.find((s) => s.id === id)?.name ?? 'staff';

  if (current.isPending) return <Loader m="xl" />;
  if (current.isError) return <Text c="red.8" p="xl">{errorMessage(current.error)}</Text>;

  if (closing && x.data) {
    return (
      <CloseShiftPanel
        report={x.data}
        currency={currency}
        onCancel={() => setClosing(false)}
        onClosed={() => setClosing(false)}
      />
    );
  }

  return (
    <ScrollArea h="100%">
      <Stack p="lg" gap="lg" maw={1200} mx="auto">
        {!open && (
          <Group justify="space-between" p="lg" style={{ background: 'white', borderRadius: 16, border: '1px solid var(--mantine-color-ink-2)' }}>
            <Group gap="md">
              <IconCash size={44} stroke={1.3} color="var(--mantine-color-ink-6)" />
              <Box>
                <Title order={2}>The till is closed</Title>
                <Text c="ink.7">Open a shift with the float in the drawer before the first sale.</Text>
              </Box>
            </Group>
            <Button size="xl" leftSection={<IconLockOpen />} onClick={() => setDialog('open')}>
              Open shift
            </Button>
          </Group>
        )}
        {!open && z.data && (
          <Stack gap="md">
            <Group justify="space-between">
              <Group gap="sm">
                <Title order={3}>Last Z report</Title>
                <Badge size="lg" color="ink">
                  Shift closed
                </Badge>
              </Group>
              <Box w={240}>
                <PrintButton label="Print Z report" print={() => client.printers.printShiftReport.mutate({ shiftId: z.data.shiftId, kind: 'z' })} />
              </Box>
            </Group>
            <ShiftReportCard report={z.data} currency={currency} staffName={staffName} />
          </Stack>
        )}
        {open && (
          <>
            <Group justify="space-between">
              <Group gap="sm">
                <Title order={2}>Current shift</Title>
                <Badge size="lg" color="green">
                  Open
                </Badge>
              </Group>
              <Text c="ink.7">
                X report: the shift so far. Nothing changes until you close it.{x.data?.blind ? ' Blind close: the cash is counted without the expected figure.' : ''}
              </Text>
            </Group>
            <SimpleGrid cols={5} spacing="sm">
              <Button variant="default" leftSection={<IconArrowDownRight />} onClick={() => setDialog('paidIn')}>
                Paid in
              </Button>
              <Button variant="default" leftSection={<IconArrowUpRight />} onClick={() => setDialog('paidOut')}>
                Paid out
              </Button>
              <Button variant="default" leftSection={<IconCash />} onClick={() => setDialog('noSale')}>
                No sale
              </Button>
              {/* under blind close the printed X report leaves out the expected cash, as the screen does */}
              <PrintButton label="Print X report" print={() => client.printers.printShiftReport.mutate({ shiftId: current.data?.id ?? '', kind: 'x' })} />
              <Button color="ink.9" leftSection={<IconLock />} onClick={() => setClosing(true)} disabled={!x.data}>
                Close shift…
              </Button>
            </SimpleGrid>
            {x.isPending && <Loader />}
            {x.isError && <Text c="red.8">{errorMessage(x.error)}</Text>}
            {x.data && <ShiftReportCard report={x.data} currency={currency} staffName={staffName} />}
          </>
        )}
      </Stack>
      {dialog === 'open' && <OpenShiftModal currency={currency} onClose={() => setDialog(null)} />}
      {(dialog === 'paidIn' || dialog === 'paidOut') && <CashMoveModal kind={dialog} currency={currency} onClose={() => setDialog(null)} />}
      {dialog === 'noSale' && <NoSaleModal onClose={() => setDialog(null)} />}
    </ScrollArea>
  );
}
