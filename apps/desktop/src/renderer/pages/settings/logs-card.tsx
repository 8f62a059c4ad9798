import { Box, Button, Group, Paper, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileZip } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPCClient } from '../../api/trpc';

/** Hands a zip the counter made to the browser's download (Electron saves it the same way). */
function download(fileName: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/zip' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Settings › This counter: the counter's log files in one zip, to send to support when something went wrong. */
export function LogsCard() {
  const client = useTRPCClient();
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    try {
      const zip = await client.device.logs.mutate();
      download(zip.fileName, zip.zipBase64);
      const kb = Math.max(1, Math.round(zip.files.reduce((n, f) => n + f.size, 0) / 1024));
      notifications.show({ color: 'green', title: 'Logs saved', message: `${zip.fileName}: ${zip.files.length} file${zip.files.length === 1 ? '' : 's'}, ${kb} KB before zipping. Attach it to your message to support.` });
    } catch (e) {
      notifications.show({ color: 'red', title: 'No logs saved', message: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder radius="lg" p="lg">
      <Group justify="space-between" align="center">
        <Box maw={620}>
          <Text fw={700} size="lg">
            Logs for support
          </Text>
          <Text c="ink.7">What this counter noted while it ran: going offline and back, printer and scanner trouble, errors. No card numbers or PINs are in them.</Text>
        </Box>
        <Button variant="light" leftSection={<IconFileZip size={18} />} loading={busy} onClick={() => void save()} data-testid="download-logs">
          Download logs
        </Button>
      </Group>
    </Paper>
  );
}
