import { Box, Button, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { apiQuery, queryKeyOf, useApiMutation } from '../../api/hooks';
import type { DeviceStatus, StaffMember } from '../../api/types';
import { BrandPanel } from '../../components/brand-panel';
import { PinPad } from '../../components/pin-pad';
import { roleLabel } from '../../components/role-label';
import { StaffAvatar } from '../../components/staff-avatar';
import { StatusBar } from '../../components/status-bar';
import { StaffPicker } from './staff-picker';

/** Nobody is signed in (start, lock button, auto-lock): pick your name, type your PIN. */
export function LockPage({ device }: { device: DeviceStatus }) {
  const qc = useQueryClient();
  const staff = useQuery(apiQuery('staff.list'));
  const [picked, setPicked] = useState<StaffMember | null>(null);
  const login = useApiMutation('staff.login', {
    onSuccess: (me) => {
      qc.setQueryData(queryKeyOf('staff.me'), me);
      // the previous person's screens are not this person's
      void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'staff' && q.queryKey[0] !== 'sync' });
    },
  });
  const shopName = device.shop?.name ?? 'Your shop';
  const pick = (s: StaffMember) => {
    login.reset();
    setPicked(s);
  };

  return (
    <Box className="app-frame" style={{ gridTemplateRows: '1fr auto' }}>
      <Box style={{ display: 'grid', gridTemplateColumns: 'minmax(340px, 4fr) 8fr', minHeight: 0 }}>
        <BrandPanel title={shopName} subtitle={`Register ${device.registerCode ?? ''} · locked`} />
        <Center p="xl" style={{ minHeight: 0, overflow: 'auto' }}>
          {picked ? (
            <Stack align="center" gap="lg">
              <Group gap="md">
                <StaffAvatar name={picked.name} size="xl" />
                <Stack gap={0}>
                  <Title order={2}>{picked.name}</Title>
                  <Text c="ink.7">{roleLabel(picked.role)} · type your PIN</Text>
                </Stack>
              </Group>
              <PinPad
                label={`PIN for ${picked.name}`}
                busy={login.isPending}
                error={login.isError ? errorMessage(login.error) : null}
                onSubmit={(pin) => login.mutate({ staffId: picked.id, pin })}
              />
              <Button variant="subtle" leftSection={<IconArrowLeft />} onClick={() => setPicked(null)}>
                Not {picked.name.split(' ')[0]}? Pick someone else
              </Button>
            </Stack>
          ) : (
            <Stack w="100%" maw={760} gap="lg">
              <Title order={2}>Who is serving?</Title>
              {staff.isPending && <Loader />}
              {staff.isError && <Text c="red.8">{errorMessage(staff.error)}</Text>}
              {staff.data && staff.data.length === 0 && (
                <Text size="lg" c="ink.7">
                  No staff have been set up for this shop yet. An owner can add them in the back office; they appear here after the next sync.
                </Text>
              )}
              {staff.data && <StaffPicker staff={staff.data} onPick={pick} />}
            </Stack>
          )}
        </Center>
      </Box>
      <StatusBar staff={null} />
    </Box>
  );
}
