import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPC, useTRPCClient } from '../../api/trpc';
import { BAUDS } from './printer-transport';

const SUFFIXES = [
  { value: '\r', label: 'Enter (CR) — most scanners' },
  { value: '\n', label: 'Line feed (LF)' },
  { value: '\r\n', label: 'CR + LF' },
  { value: '\t', label: 'Tab' },
];

/** A serial (RS-232 / USB-COM) barcode scanner: which port, how fast, what ends each code. */
export function ScannerFormModal({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const qc = useQueryClient();
  const [name, setName] = useState('');
  const [path, setPath] = useState('');
  const [baud, setBaud] = useState(9600);
  const [suffix, setSuffix] = useState('\r');
  const [enabled, setEnabled] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await client.scanners.create.mutate({ name, path, baudRate: baud, suffix, enabled });
      await qc.invalidateQueries(trpc.scanners.pathFilter());
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={<Text fw={700} size="lg">Add a serial scanner</Text>} size="lg">
      <Stack gap="md">
        <SimpleGrid cols={2}>
          <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} placeholder="Counter scanner" data-autofocus maxLength={60} />
          <TextInput label="Port" value={path} onChange={(e) => setPath(e.currentTarget.value)} placeholder="/dev/ttyACM0 or COM3" />
          <Select label="Speed (baud)" value={String(baud)} onChange={(v) => setBaud(Number(v ?? 9600))} data={BAUDS.map(String)} allowDeselect={false} size="lg" />
          <Select label="Each code ends with" value={suffix} onChange={(v) => setSuffix(v ?? '\r')} data={SUFFIXES} allowDeselect={false} size="lg" />
        </SimpleGrid>
        <Switch size="lg" label="In use" checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} />
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
            Add scanner
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
