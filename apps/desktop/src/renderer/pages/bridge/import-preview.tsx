import { Alert, Button, Center, Group, Loader, Paper, Radio, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconDownload, IconRefresh } from '@tabler/icons-react';
import type { BridgeMatch, BridgePreview, BridgeView } from '@makeries/shared';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPC } from '../../api/trpc';
import { AttentionTable } from './attention-table';
import { count, importButtonText, matchChoices, plural } from './bridge-words';
import { OwnerNote } from './owner-note';
import { useApplyView } from './use-bridge';

/**
 * The first import, before anything changes: what the POS's catalog holds, the items that need attention, and
 * how products the shop already has are treated — new products unless the owner picks SKU or barcode matching.
 */
export function ImportPreview({ view, pos }: { view: BridgeView; pos: string }) {
  const trpc = useTRPC();
  const preview = useQuery(trpc.bridges.preview.queryOptions(undefined, { retry: false }));

  if (preview.isPending) {
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  }
  if (preview.isError) {
    return (
      <Alert color="red" title="Could not load the preview" role="alert">
        {errorMessage(preview.error)}
      </Alert>
    );
  }
  const p = preview.data;
  if (!p) return <Text c="ink.7">The preview is not ready yet.</Text>;
  return (
    <Stack gap="md">
      <Paper withBorder radius="lg" p="md" data-testid="bridge-preview">
        <Stack gap="sm">
          <Title order={4}>What {pos}’s catalog holds</Title>
          <Text size="lg" fw={600} data-testid="bridge-summary">
            {p.summary}
          </Text>
          <SimpleGrid cols={5} spacing="sm">
            <Figure label="Products" value={p.products} />
            <Figure label="Variants" value={p.variants} />
            <Figure label="Taxes" value={p.taxes} />
            <Figure label="Categories" value={p.categories} />
            <Figure label="Images" value={p.images} />
          </SimpleGrid>
        </Stack>
      </Paper>
      {p.attention > 0 && (
        <Paper withBorder radius="lg" p="md">
          <Group gap="xs" mb="sm">
            <IconAlertTriangle size={20} color="var(--mantine-color-orange-7)" aria-hidden />
            <Title order={4}>{plural(p.attention, 'item needs', 'items need')} attention</Title>
          </Group>
          <AttentionTable pos={pos} />
        </Paper>
      )}
      <ApplyImport preview={p} canManage={view.canManage} pos={pos} />
    </Stack>
  );
}

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <Paper radius="md" p="sm" bg="ink.0">
      <Text size="xs" c="ink.7" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text fz={24} fw={700} className="tabular">
        {count(value)}
      </Text>
    </Paper>
  );
}

function ApplyImport({ preview, canManage, pos }: { preview: BridgePreview; canManage: boolean; pos: string }) {
  const trpc = useTRPC();
  const applyView = useApplyView();
  const [match, setMatch] = useState<BridgeMatch>('none');
  const apply = useMutation(trpc.bridges.applyImport.mutationOptions({ onSuccess: applyView }));
  const reread = useMutation(trpc.bridges.startImport.mutationOptions({ onSuccess: applyView }));
  const choices = matchChoices(preview, pos);

  return (
    <Paper withBorder radius="lg" p="md" data-testid="bridge-apply">
      <Stack gap="sm">
        <Title order={4}>Products this shop already has</Title>
        <Radio.Group value={match} onChange={(v) => setMatch(v as BridgeMatch)} name="bridge-match">
          <Stack gap="xs">
            {choices.map((c) => (
              <Radio.Card key={c.value} value={c.value} disabled={c.disabled || !canManage} radius="md" p="md" data-testid={`match-${c.value}`}>
                <Group wrap="nowrap" align="flex-start">
                  <Radio.Indicator disabled={c.disabled || !canManage} />
                  <Stack gap={2}>
                    <Text fw={700} c={c.disabled ? 'ink.7' : undefined}>
                      {c.label}
                    </Text>
                    <Text size="sm" c="ink.7">
                      {c.description}
                    </Text>
                  </Stack>
                </Group>
              </Radio.Card>
            ))}
          </Stack>
        </Radio.Group>
        {canManage ? (
          <Group justify="flex-end" gap="sm">
            <Button size="md" variant="default" leftSection={<IconRefresh size={18} />} loading={reread.isPending} onClick={() => reread.mutate()}>
              Read {pos} again
            </Button>
            <Button size="md" leftSection={<IconDownload size={18} />} loading={apply.isPending} onClick={() => apply.mutate({ match })} data-testid="bridge-import">
              {importButtonText(preview, match)}
            </Button>
          </Group>
        ) : (
          <OwnerNote what="import the catalog" />
        )}
        {(apply.isError || reread.isError) && (
          <Alert color="red" role="alert">
            {errorMessage(apply.error ?? reread.error)}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
