import { ActionIcon, Box, Button, Group, Loader, ScrollArea, Text, TextInput } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconSearch, IconX } from '@tabler/icons-react';
import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPC } from '../../api/trpc';
import { useKeySink } from '../../app/scan-context';
import { ProductTile, type TileProduct } from './product-tile';

const GRID = { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(168px, 1fr))', gap: 10 } as const;

interface Props {
  currency: string;
  onPick: (p: TileProduct) => void;
  searchRef: RefObject<HTMLInputElement | null>;
}

/** Search as you type (the counter's FTS5) above the quick keys of one category. */
export function ProductBrowser({ currency, onPick, searchRef }: Props) {
  const trpc = useTRPC();
  const [text, setText] = useState('');
  const searching = text.trim().length > 0;
  const results = useQuery(trpc.catalog.search.queryOptions(searching ? { text: text.trim(), limit: 30 } : skipToken, { placeholderData: keepPreviousData }));
  const categories = useQuery(trpc.catalog.categories.queryOptions());
  // how a sold-out tile reads depends on the shop's rule (warn / block online / allow)
  const soldOutPolicy = useQuery(trpc.store.settings.queryOptions()).data?.soldOutPolicy ?? 'warn';
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const active = categoryId ?? categories.data?.[0]?.id ?? null;
  const tiles = useQuery(trpc.catalog.byCategory.queryOptions(active ? { categoryId: active, limit: 200 } : skipToken, { placeholderData: keepPreviousData }));
  const shown: TileProduct[] = searching ? (results.data ?? []) : (tiles.data ?? []);
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
  }, [active, searching]);

  // typing with nothing focused (after tapping a tile) goes to the search box
  useKeySink((typed) => {
    searchRef.current?.focus();
    setText((t) => t + typed);
  });
  useHotkeys(
    Array.from({ length: 9 }, (_, i) => [`alt+${i + 1}`, () => shown[i] && onPick(shown[i])] as [string, () => void]),
    [],
  );

  const pick = (p: TileProduct) => {
    onPick(p);
    if (searching) setText('');
  };

  return (
    <Box style={{ display: 'flex', flexDirection: 'column', minHeight: 0, height: '100%' }} p="md" pr="xs">
      <TextInput
        ref={searchRef}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && shown[0] && searching) pick(shown[0]);
          if (e.key === 'Escape') setText('');
        }}
        placeholder="Search products by name, SKU or barcode"
        aria-label="Search products"
        leftSection={<IconSearch size={22} />}
        rightSectionWidth={56}
        rightSection={
          text ? (
            <ActionIcon variant="subtle" color="ink" onClick={() => setText('')} aria-label="Clear search">
              <IconX size={20} />
            </ActionIcon>
          ) : null
        }
        size="xl"
        radius="md"
        autoComplete="off"
        spellCheck={false}
      />
      <Group gap={8} mt="sm" mb="sm" style={{ flexShrink: 0 }} role="group" aria-label="Categories">
        {categories.data?.map((c) => (
          <Button
            key={c.id}
            size="md"
            h={44}
            radius="xl"
            variant={!searching && c.id === active ? 'filled' : 'default'}
            onClick={() => {
              setText('');
              setCategoryId(c.id);
            }}
            style={{ flexShrink: 0 }}
          >
            {c.name}
          </Button>
        ))}
      </Group>
      <ScrollArea viewportRef={scroller} style={{ flex: 1, minHeight: 0 }} type="auto" offsetScrollbars>
        {searching && results.isError && <Text c="red.8">{errorMessage(results.error)}</Text>}
        {searching && results.data?.length === 0 && (
          <Text size="lg" c="ink.7" p="md">
            Nothing matches “{text.trim()}”. Try part of the name, or scan the barcode.
          </Text>
        )}
        {!searching && categories.data?.length === 0 && (
          <Text size="lg" c="ink.7" p="md">
            No quick keys yet: products appear here by category once the shop has categories. Search by name or scan a barcode.
          </Text>
        )}
        {(categories.isPending || (searching && results.isPending)) && <Loader m="md" />}
        <Box style={GRID} data-testid="product-grid">
          {shown.map((p, i) => (
            <ProductTile key={p.variantId} p={p} currency={currency} onPick={pick} hotkey={i < 9 ? i + 1 : undefined} primary={searching && i === 0} soldOutPolicy={soldOutPolicy} />
          ))}
        </Box>
      </ScrollArea>
    </Box>
  );
}
