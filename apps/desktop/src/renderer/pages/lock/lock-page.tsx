import { Box, Button, Center, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { matchQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPC } from '../../api/trpc';
import type { DeviceStatus, SignedIn, StaffMember } from '../../api/types';
import { BrandPanel } from '../../components/brand-panel';
import { PinPad } from '../../components/pin-pad';
import { StatusBar } from '../../components/status-bar';
import { LockConnection, salesNote } from './lock-connection';
import { StaffPicker } from './staff-picker';

/** A PIN two staff share: who typed it, from just their names. The PIN stays in memory until they pick. */
interface SharedPin {
  pin: string;
  staff: StaffMember[];
}

/** Nobody is signed in (start, lock button, auto-lock): type your PIN; it says who you are. */
export function LockPage({ device }: { device: DeviceStatus }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const staff = useQuery(trpc.staff.list.queryOptions());
  const sync = useQuery(trpc.sync.status.queryOptions(undefined, { staleTime: Infinity }));
  const [shared, setShared] = useState<SharedPin | null>(null);
  const signedIn = (me: SignedIn) => {
    qc.setQueryData(trpc.staff.me.queryKey(), me);
    // the previous person's screens are not this person's
    void qc.invalidateQueries({ predicate: (q) => !matchQuery(trpc.staff.pathFilter(), q) && !matchQuery(trpc.sync.pathFilter(), q) });
  };
  const unlock = useMutation(trpc.staff.unlock.mutationOptions({
    onSuccess: (answer, { pin }) => {
      if (answer.signedIn) signedIn(answer.signedIn);
      else setShared({ pin, staff: answer.choose.map((s) => ({ ...s, hasPin: true })) });
    },
  }));
  const login = useMutation(trpc.staff.login.mutationOptions({ onSuccess: signedIn }));
  const shopName = device.shop?.name ?? 'Your shop';
  // not while the first download is still bringing the staff in
  const nobody = staff.data?.every((s) => !s.hasPin) === true && sync.data?.bootstrapping !== true;
  const back = () => {
    login.reset();
    unlock.reset();
    setShared(null);
  };

  return (
    <Box className="app-frame" style={{ gridTemplateRows: '1fr auto' }}>
      <Box style={{ display: 'grid', gridTemplateColumns: 'minmax(300px, 4fr) 8fr', minHeight: 0 }}>
        <BrandPanel title={shopName} subtitle={`Register ${device.registerCode ?? ''} · locked`} note={salesNote(sync.data)} />
        <Center p="xl" style={{ minHeight: 0, overflow: 'auto' }}>
          {shared ? (
            <Stack w="100%" maw={760} gap="lg">
              <Title order={2}>Who are you?</Title>
              <Text size="lg" c="ink.7">
                More than one person here has this PIN. Tap your name. (A manager can give you a PIN of your own.)
              </Text>
              {login.isError && (
                <Text c="red.8" role="alert">
                  {errorMessage(login.error)}
                </Text>
              )}
              <StaffPicker staff={shared.staff} onPick={(s) => login.mutate({ staffId: s.id, pin: shared.pin })} />
              <Button variant="subtle" size="md" leftSection={<IconArrowLeft />} onClick={back} w="fit-content" loading={login.isPending}>
                Not you? Type your PIN again
              </Button>
            </Stack>
          ) : (
            <Stack align="center" gap="lg">
              <Title order={2}>Type your PIN</Title>
              <LockConnection />
              {staff.isError && <Text c="red.8">{errorMessage(staff.error)}</Text>}
              {nobody && (
                <Text size="lg" c="ink.7" maw={520} ta="center">
                  No staff with a PIN have been set up for this shop yet. An owner can add them in the back office; they can sign in here after the next sync.
                </Text>
              )}
              {/* always the same pad: staff arriving with the first sync must not wipe the digits being typed */}
              <PinPad
                label="Your PIN"
                busy={unlock.isPending}
                error={unlock.isError ? errorMessage(unlock.error) : null}
                onSubmit={(pin) => unlock.mutate({ pin })}
              />
            </Stack>
          )}
        </Center>
      </Box>
      <StatusBar staff={null} />
    </Box>
  );
}
