import { Alert, Box, Button, FileButton, Group, Stack, Text } from '@mantine/core';
import { RECEIPT_LOGO_MAX_BYTES, RECEIPT_LOGO_TYPES } from '@makeries/shared';
import { notifications } from '@mantine/notifications';
import { IconPhotoUp, IconTrash, IconWifiOff } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPC, useTRPCClient } from '../../api/trpc';
import { StoreLogoCanvas } from './store-logo-canvas';
import type { StoreSettings } from './store-types';

const TYPES = RECEIPT_LOGO_TYPES;
type LogoType = (typeof TYPES)[number];

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    // readAsDataURL always ends with a string result; anything else means the read did not happen
    r.onload = () => {
      if (typeof r.result === 'string') resolve(r.result.replace(/^data:[^;,]*;base64,/, ''));
      else reject(new Error('Could not read that file.'));
    };
    r.onerror = () => reject(new Error('Could not read that file.'));
    r.readAsDataURL(file);
  });
}

/**
 * The receipt logo: chosen here, turned into black-and-white printer dots by the marketplace (so it needs the
 * connection), then printed at the top of every receipt, offline too.
 */
export function StoreLogoPicker({ settings, canEdit }: { settings: StoreSettings; canEdit: boolean }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const qc = useQueryClient();
  const sync = useQuery(trpc.sync.status.queryOptions(undefined, { staleTime: Infinity }));
  const online = sync.data?.online ?? false;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const logo = settings.logo;

  const run = async (call: () => Promise<StoreSettings>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      qc.setQueryData(trpc.store.settings.queryKey(), await call());
      notifications.show({ color: 'brand', title: done, message: 'Receipts print it from now on.' });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const choose = (file: File | null) => {
    if (!file) return;
    if (!(TYPES as readonly string[]).includes(file.type)) {
      setError('Please choose a PNG, JPEG or WebP image.');
      return;
    }
    if (file.size > RECEIPT_LOGO_MAX_BYTES) {
      setError('That image is larger than 700 KB. Use a smaller one.');
      return;
    }
    void run(async () => client.store.uploadLogo.mutate({ contentType: file.type as LogoType, dataBase64: await readBase64(file) }), 'Logo saved');
  };

  return (
    <Stack gap="xs">
      <Text fw={600}>Logo</Text>
      <Group align="center" gap="lg" wrap="nowrap">
        <Box p="sm" miw={180} mih={72} style={{ border: '1px dashed var(--mantine-color-ink-3)', borderRadius: 8, background: 'white', display: 'grid', placeItems: 'center' }}>
          {logo?.dots ? (
            <StoreLogoCanvas logo={logo.dots} maxWidth={240} />
          ) : (
            <Text c="ink.6" size="sm" ta="center">
              {logo ? 'Logo set — it prints once this counter has been online' : 'No logo'}
            </Text>
          )}
        </Box>
        {canEdit && (
          <Stack gap={6}>
            <FileButton onChange={choose} accept={TYPES.join(',')} disabled={!online || busy}>
              {(props) => (
                <Button {...props} leftSection={<IconPhotoUp size={18} />} loading={busy} disabled={!online}>
                  {logo ? 'Change logo…' : 'Choose logo…'}
                </Button>
              )}
            </FileButton>
            {logo && (
              <Button variant="subtle" color="red" leftSection={<IconTrash size={18} />} disabled={!online || busy} onClick={() => void run(() => client.store.removeLogo.mutate(), 'Logo removed')}>
                Remove logo
              </Button>
            )}
          </Stack>
        )}
      </Group>
      {canEdit && !online && (
        <Group gap={6} c="orange.9">
          <IconWifiOff size={18} />
          <Text size="sm">Changing the logo needs the internet connection. Receipts keep printing the current one.</Text>
        </Group>
      )}
      <Text c="ink.7" size="sm">
        A dark logo on a light background prints best. It is printed in black and white, up to 48 mm wide.
      </Text>
      {error && <Alert color="red">{error}</Alert>}
    </Stack>
  );
}
