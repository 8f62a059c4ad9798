import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconExternalLink, IconRefresh } from '@tabler/icons-react';
import { shopifyDomainSchema, type BridgeProviderOffer } from '@makeries/shared';
import { useMutation } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPC } from '../../api/trpc';

interface Props {
  offer: BridgeProviderOffer;
  /** this shop was linked to it before: "Connect again" */
  again: boolean;
  onCheck: () => void;
  checking: boolean;
}

/**
 * Connecting through the point of sale's own sign-in page, opened in the system browser (Electron routes
 * window.open there, main/security.ts; in browser mode a new tab). Shopify first needs the store address, checked
 * here with the shared rule so a typo is said before anything is asked. Back here, "Check again" reads the link.
 */
export function OauthConnect({ offer, again, onCheck, checking }: Props) {
  const trpc = useTRPC();
  const [opened, setOpened] = useState(false);
  const [shop, setShop] = useState('');
  const [shopError, setShopError] = useState<string | null>(null);
  const connect = useMutation(
    trpc.bridges.connectUrl.mutationOptions({
      onSuccess: ({ url }) => {
        setOpened(true);
        window.open(url, '_blank', 'noopener');
      },
    }),
  );
  const needsShop = offer.connectKind === 'oauth_shop';

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    if (!needsShop) {
      connect.mutate({ provider: offer.provider });
      return;
    }
    const parsed = shopifyDomainSchema.safeParse(shop);
    if (!parsed.success) {
      setShopError(parsed.error.issues[0]?.message ?? 'Type the store address.');
      return;
    }
    setShopError(null);
    setShop(parsed.data);
    connect.mutate({ provider: offer.provider, shopDomain: parsed.data });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
      {needsShop && (
        <TextInput
          size="md"
          label="Store address"
          placeholder="your-shop.myshopify.com"
          value={shop}
          onChange={(e) => {
            setShop(e.currentTarget.value);
            setShopError(null);
          }}
          error={shopError}
          autoComplete="off"
          spellCheck={false}
          data-testid={`bridge-shop-${offer.provider}`}
        />
      )}
      <Group gap="sm">
        <Button type="submit" size="md" leftSection={<IconExternalLink size={18} />} loading={connect.isPending} data-testid="bridge-connect" data-provider={offer.provider}>
          {again ? 'Connect again' : `Connect ${offer.name}`}
        </Button>
        {opened && (
          <Button size="md" variant="default" leftSection={<IconRefresh size={18} />} loading={checking} onClick={onCheck} data-testid="bridge-check">
            Check again
          </Button>
        )}
      </Group>
      {opened && (
        <Text size="sm" c="ink.7">
          {offer.name} opened in the web browser. When it says {offer.name} is connected, come back here and press Check again.
        </Text>
      )}
      {connect.error && (
        <Alert color="red" role="alert">
          {errorMessage(connect.error)}
        </Alert>
      )}
      </Stack>
    </form>
  );
}
