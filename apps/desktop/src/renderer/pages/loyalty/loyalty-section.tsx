import { Alert, Box, Button, Group, NumberInput, Paper, ScrollArea, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { loyaltyProgress, parseMoney, type LoyaltyProgramme } from '@makeries/shared';
import { IconCloudOff } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { apiError } from '../../api/errors';
import { useTRPC, useTRPCClient } from '../../api/trpc';
import { useCurrency } from '../../hooks/use-currency';
import { money } from '../../format/money';

type Kind = LoyaltyProgramme['kind'];

interface Draft {
  kind: Kind;
  minOrder: string;
  stampsForReward: number;
  reward: string;
  rewardName: string;
  pointsPerPound: number;
  pointsPerPoundOff: number;
}

function draftOf(p: LoyaltyProgramme, currency: string): Draft {
  const base: Draft = { kind: p.kind, minOrder: '5.00', stampsForReward: 8, reward: '3.00', rewardName: '', pointsPerPound: 1, pointsPerPoundOff: 100 };
  const plain = (c: number) => (c / 100).toFixed(currency === 'JPY' ? 0 : 2);
  if (p.kind === 'stamps') return { ...base, minOrder: plain(p.minOrderCents), stampsForReward: p.stampsForReward, reward: plain(p.rewardCents), rewardName: p.rewardName };
  if (p.kind === 'points') return { ...base, pointsPerPound: p.pointsPerPound, pointsPerPoundOff: p.pointsPerPoundOff };
  return base;
}

function programmeOf(d: Draft, currency: string): LoyaltyProgramme {
  if (d.kind === 'stamps') {
    return { kind: 'stamps', minOrderCents: parseMoney(d.minOrder, currency), stampsForReward: d.stampsForReward, rewardCents: parseMoney(d.reward, currency), rewardName: d.rewardName.trim() };
  }
  if (d.kind === 'points') return { kind: 'points', pointsPerPound: d.pointsPerPound, pointsPerPoundOff: d.pointsPerPoundOff };
  return { kind: 'off' };
}

/**
 * Back office → Loyalty (owners and managers): the shop's stamp card or points, kept on the marketplace (online,
 * with the signed-in manager's proof). Web orders and counter sales earn under it; customers see it on their account.
 */
export function LoyaltySection() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const qc = useQueryClient();
  const currency = useCurrency();
  const programme = useQuery(trpc.loyalty.programme.queryOptions(undefined, { retry: false }));
  const [draft, setDraft] = useState<Draft | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (programme.data && !draft) setDraft(draftOf(programme.data, currency));
  }, [programme.data, draft, currency]);
  const failure = programme.isError ? apiError(programme.error) : null;
  const set = (patch: Partial<Draft>) => setDraft((d) => (d ? { ...d, ...patch } : d));

  const save = async () => {
    if (!draft) return;
    setBusy(true);
    setMessage(null);
    try {
      const saved = await client.loyalty.setProgramme.mutate({ programme: programmeOf(draft, currency) });
      await qc.invalidateQueries(trpc.loyalty.pathFilter());
      setMessage({ ok: true, text: saved.kind === 'off' ? 'Loyalty is off.' : 'Saved. New sales and web orders earn under it.' });
    } catch (e) {
      const info = apiError(e);
      setMessage({ ok: false, text: info.issues[0]?.message ?? info.message });
    } finally {
      setBusy(false);
    }
  };

  let example = '';
  if (draft) {
    try {
      const p = programmeOf(draft, currency);
      example = p.kind === 'off' ? '' : `A customer sees: “${loyaltyProgress(p, p.kind === 'stamps' ? Math.max(1, p.stampsForReward - 2) : 350, currency)}”`;
    } catch {
      example = '';
    }
  }

  return (
    <Box style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}>
      <Box px="lg" py="md" style={{ background: 'white', borderBottom: '1px solid var(--mantine-color-ink-2)' }}>
        <Title order={2}>Loyalty</Title>
        <Text c="ink.7" size="sm">
          A stamp card or points for your customers, at the counter and online
        </Text>
      </Box>
      <ScrollArea style={{ flex: 1, minHeight: 0 }}>
        <Stack p="lg" gap="md" maw={640}>
          {failure && (
            <Alert color="gray" icon={<IconCloudOff />} title="Needs the connection" data-testid="loyalty-offline">
              {failure.message}
            </Alert>
          )}
          {draft && (
            <Paper withBorder radius="md" p="lg">
              <Stack gap="md">
                <SegmentedControl
                  size="md"
                  value={draft.kind}
                  onChange={(v) => set({ kind: v as Kind })}
                  data={[
                    { value: 'off', label: 'Off' },
                    { value: 'stamps', label: 'Stamp card' },
                    { value: 'points', label: 'Points' },
                  ]}
                  data-testid="loyalty-kind"
                />
                {draft.kind === 'stamps' && (
                  <>
                    <TextInput size="md" label="One stamp per order of at least" value={draft.minOrder} onChange={(e) => set({ minOrder: e.currentTarget.value })} />
                    <NumberInput size="md" label="Stamps for a reward" min={2} max={50} value={draft.stampsForReward} onChange={(v) => set({ stampsForReward: typeof v === 'number' ? v : 2 })} />
                    <TextInput size="md" label="The reward is worth" value={draft.reward} onChange={(e) => set({ reward: e.currentTarget.value })} />
                    <TextInput size="md" label="What the reward is called (optional)" placeholder="free loaf" maxLength={60} value={draft.rewardName} onChange={(e) => set({ rewardName: e.currentTarget.value })} />
                  </>
                )}
                {draft.kind === 'points' && (
                  <>
                    <NumberInput size="md" label={`Points per ${money(100, currency)} spent`} min={1} max={100} value={draft.pointsPerPound} onChange={(v) => set({ pointsPerPound: typeof v === 'number' ? v : 1 })} />
                    <NumberInput size="md" label={`Points for ${money(100, currency)} off`} min={1} max={10000} value={draft.pointsPerPoundOff} onChange={(v) => set({ pointsPerPoundOff: typeof v === 'number' ? v : 100 })} />
                  </>
                )}
                {example && <Text c="ink.8">{example}</Text>}
                {message && (
                  <Alert color={message.ok ? 'green' : 'red'} role={message.ok ? 'status' : 'alert'}>
                    {message.text}
                  </Alert>
                )}
                <Group>
                  <Button size="md" loading={busy} onClick={() => void save()} data-testid="loyalty-save">
                    Save
                  </Button>
                </Group>
              </Stack>
            </Paper>
          )}
        </Stack>
      </ScrollArea>
    </Box>
  );
}
