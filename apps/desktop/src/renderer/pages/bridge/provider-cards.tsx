import { Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconPlugOff } from '@tabler/icons-react';
import type { BridgeProviderOffer, BridgeView } from '@makeries/shared';
import { providerPitch } from './bridge-words';
import { OauthConnect } from './oauth-connect';
import { OwnerNote } from './owner-note';
import { PartnerClaim } from './partner-claim';

interface Props {
  view: BridgeView;
  onCheck: () => void;
  checking: boolean;
}

/**
 * Not linked (or disconnected): every point of sale the marketplace offers, side by side, with what linking it
 * brings and how to connect it. One the operator has not set up stays visible, greyed, so the owner knows it
 * exists but is not available here; a manager reads who can connect instead of the controls.
 */
export function ProviderCards({ view, onCheck, checking }: Props) {
  const before = view.state === 'revoked' ? view.provider : null;
  return (
    <Stack gap="sm" data-testid="bridge-providers">
      <Title order={3} size="h4">
        {before ? 'Connect a point of sale again' : view.state === 'not_configured' ? 'Points of sale on this marketplace' : 'Choose your point of sale'}
      </Title>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
        {view.providers.map((offer) => (
          <ProviderCard key={offer.provider} offer={offer} canManage={view.canManage} again={before === offer.provider} onCheck={onCheck} checking={checking} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

function ProviderCard({ offer, canManage, again, onCheck, checking }: { offer: BridgeProviderOffer; canManage: boolean; again: boolean; onCheck: () => void; checking: boolean }) {
  return (
    <Paper
      withBorder
      radius="lg"
      p="md"
      bg={offer.configured ? undefined : 'ink.0'}
      data-testid={`bridge-provider-${offer.provider}`}
      data-configured={String(offer.configured)}
    >
      <Stack gap="sm">
        <Title order={4} c={offer.configured ? 'ink.9' : 'ink.7'}>
          {offer.name}
        </Title>
        <Text size="sm" c="ink.7">
          {providerPitch(offer.provider)}
        </Text>
        <CardControl offer={offer} canManage={canManage} again={again} onCheck={onCheck} checking={checking} />
      </Stack>
    </Paper>
  );
}

function CardControl({ offer, canManage, again, onCheck, checking }: { offer: BridgeProviderOffer; canManage: boolean; again: boolean; onCheck: () => void; checking: boolean }) {
  if (!offer.configured) {
    return (
      <Group gap={6} wrap="nowrap" align="flex-start" c="ink.7" data-testid="bridge-not-set-up">
        <IconPlugOff size={18} style={{ flexShrink: 0, marginTop: 2 }} aria-hidden />
        <Text size="sm">
          <Text span fw={700} size="sm">
            Not set up on this marketplace.
          </Text>{' '}
          Ask the marketplace operator if you would like {offer.name}.
        </Text>
      </Group>
    );
  }
  if (!canManage) return <OwnerNote what={`connect ${offer.name}`} />;
  if (offer.connectKind === 'partner') return <PartnerClaim offer={offer} />;
  return <OauthConnect offer={offer} again={again} onCheck={onCheck} checking={checking} />;
}
