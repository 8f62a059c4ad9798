import { MantineProvider } from '@mantine/core';
import { Notifications, notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { TRPCProvider, type CounterClient } from '../api/trpc';
import { theme } from '../theme/theme';
import { createQueryClient } from './query-client';
import { Root } from './root';
import { ScanProvider } from './scan-context';

function unhandledScan(code: string): void {
  notifications.show({
    id: 'unhandled-scan',
    color: 'ink',
    title: `Scanned ${code}`,
    message: 'Open the register (F1) to sell it, or Orders (F2) to look a receipt up.',
  });
}

export function App({ trpcClient }: { trpcClient: CounterClient }) {
  const [queryClient] = useState(() => createQueryClient(trpcClient));
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="top-right" limit={3} autoClose={4000} zIndex={400} />
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          <ScanProvider onUnhandled={unhandledScan}>
            <Root />
          </ScanProvider>
        </TRPCProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
