import { ActionIcon, Button, Loader, Tooltip } from '@mantine/core';
import { IconHeart, IconHeartFilled } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { failureOf, useTRPC } from '../app/api';
import { useInBrowser } from '../app/use-in-browser';
import { signInHref } from '../lib/reviews';

type Target = { vendorId: string; productId?: never } | { productId: string; vendorId?: never };

/**
 * Heart toggle for a shop or product. Signed out, it is a link to sign in that brings the visitor back here.
 * Who is signed in and their favourites load in the browser after the page (the page HTML is the same for
 * everyone); until both are known the heart is a disabled, busy button, so an early tap cannot undo a favourite.
 * The change shows at once and is undone if the server refuses it.
 */
export function FavouriteButton({ target, name, compact = false }: { target: Target; name: string; compact?: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const location = useLocation();
  const inBrowser = useInBrowser();
  const meQuery = useQuery({ ...trpc.auth.me.queryOptions(), enabled: inBrowser });
  const me = meQuery.data;
  const signedIn = me?.kind === 'customer';
  const idsQuery = useQuery({ ...trpc.favourites.ids.queryOptions(), enabled: inBrowser && signedIn });
  const ids = idsQuery.data;
  const setFavourite = useMutation(trpc.favourites.set.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const on = target.vendorId !== undefined ? (ids?.vendorIds.includes(target.vendorId) ?? false) : (ids?.productIds.includes(target.productId) ?? false);
  // one accessible name; aria-pressed says whether it is saved
  const label = `Save ${name} to favourites`;

  // not known yet: who is signed in (before hydration, or while asking), or their favourites
  if (!inBrowser || me === undefined || (signedIn && ids === undefined)) {
    const failed = meQuery.isError || idsQuery.isError;
    return compact ? (
      <ActionIcon variant="default" size={44} radius="xl" aria-label={label} aria-busy={!failed} disabled data-testid="favourite-loading">
        {failed ? <IconHeart size={22} aria-hidden /> : <Loader size={18} color="gray" aria-hidden />}
      </ActionIcon>
    ) : (
      <Button variant="default" aria-label={label} aria-busy={!failed} disabled leftSection={<IconHeart size={18} aria-hidden />} data-testid="favourite-loading">
        Save
      </Button>
    );
  }

  if (!signedIn) {
    const href = signInHref(location.pathname + location.search);
    return compact ? (
      <Tooltip label="Sign in to save favourites">
        <ActionIcon component={Link} to={href} variant="default" size={44} radius="xl" aria-label={`Sign in to save ${name} to favourites`}>
          <IconHeart size={22} aria-hidden />
        </ActionIcon>
      </Tooltip>
    ) : (
      <Button component={Link} to={href} variant="default" leftSection={<IconHeart size={18} aria-hidden />}>
        Sign in to save
      </Button>
    );
  }

  async function toggle() {
    const key = trpc.favourites.ids.queryKey();
    const before = queryClient.getQueryData(key);
    const next = !on;
    setError(null);
    queryClient.setQueryData(key, (cur) => {
      const base = cur ?? { vendorIds: [], productIds: [] };
      const edit = (list: string[], id: string) => (next ? [...list.filter((x) => x !== id), id] : list.filter((x) => x !== id));
      return target.vendorId !== undefined
        ? { ...base, vendorIds: edit(base.vendorIds, target.vendorId) }
        : { ...base, productIds: edit(base.productIds, target.productId) };
    });
    try {
      await setFavourite.mutateAsync({ ...target, on: next });
      await queryClient.invalidateQueries(trpc.favourites.list.queryFilter());
    } catch (e) {
      queryClient.setQueryData(key, before);
      setError(failureOf(e).message || 'Could not save that. Check your connection and try again.');
    }
  }

  const icon = on ? <IconHeartFilled size={compact ? 22 : 18} aria-hidden color="#c92a2a" /> : <IconHeart size={compact ? 22 : 18} aria-hidden />;
  return (
    <Tooltip label={error ?? (on ? 'Saved to your favourites' : 'Save to your favourites')} opened={error ? true : undefined} color={error ? 'red' : undefined}>
      {compact ? (
        <ActionIcon variant="default" size={44} radius="xl" aria-pressed={on} aria-label={label} onClick={() => void toggle()}>
          {icon}
        </ActionIcon>
      ) : (
        <Button variant="default" aria-pressed={on} leftSection={icon} onClick={() => void toggle()}>
          {on ? 'Saved' : 'Save'}
        </Button>
      )}
    </Tooltip>
  );
}
