import { Badge, Box, Group, Loader, Paper, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconBarcode, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPC, useTRPCClient } from '../../api/trpc';
import { useKeySink, useScanHandler } from '../../app/scan-context';
import { countedIn, itemTitle, stockItemOf, stockLockReason, type StockItem } from './stock-item';

interface Props {
  onPick: (item: StockItem) => void;
  /** "Scan or search to add an item" */
  placeholder: string;
}

/**
 * Finds a product for a stock screen: scan its barcode (anywhere on the page) or type and press Enter for the
 * top hit. Products that do not track stock, or whose stock is counted in a point of sale, are shown but cannot
 * be picked.
 */
export function ItemPicker({ onPick, placeholder }: Props) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const q = text.trim();
  const results = useQuery(trpc.catalog.search.queryOptions(q ? { text: q, limit: 8 } : skipToken, { placeholderData: keepPreviousData }));
  const hits = q ? (results.data ?? []) : [];

  const pick = (item: StockItem) => {
    if (!item.trackStock) {
      setError(`${itemTitle(item)} does not track stock. Turn tracking on in the catalog first.`);
      return;
    }
    const locked = stockLockReason(item);
    if (locked) {
      setError(locked);
      return;
    }
    setError(null);
    setText('');
    onPick(item);
  };

  useScanHandler((code) => {
    setError(null);
    // the scan answers what the product is; byId adds what the counter thinks is on the shelf
    client.catalog.scan
      .query({ code })
      .then((m) => client.catalog.byId.query({ variantId: m.variant.variantId }))
      .then(
        (v) => pick(stockItemOf(v)),
        (e: unknown) => setError(errorMessage(e)),
      );
  });

  // typing with nothing focused goes to the search box, as on the register
  useKeySink((typed) => {
    input.current?.focus();
    setText((t) => t + typed);
  });

  return (
    <Box pos="relative">
      <TextInput
        ref={input}
        value={text}
        onChange={(e) => {
          setText(e.currentTarget.value);
          setError(null);
        }}
        onKeyDown={(e) => {
          const top = hits[0];
          if (e.key === 'Enter' && top) pick(stockItemOf(top));
          if (e.key === 'Escape') setText('');
        }}
        placeholder={placeholder}
        aria-label="Find a product"
        leftSection={<IconSearch size={20} />}
        rightSection={results.isFetching && q ? <Loader size="xs" /> : <IconBarcode size={20} color="var(--mantine-color-ink-5)" />}
        autoComplete="off"
        error={error}
      />
      {/* a refused pick closes the list so its reason, under the field, can be read */}
      {q && hits.length > 0 && !error && (
        <Paper shadow="md" withBorder pos="absolute" left={0} right={0} top={54} style={{ zIndex: 20, overflow: 'hidden' }} data-testid="picker-results">
          <Stack gap={0}>
            {hits.map((h) => {
              const item = stockItemOf(h);
              return (
                <UnstyledButton key={h.variantId} onClick={() => pick(item)} px="md" py={10} style={{ borderBottom: '1px solid var(--mantine-color-ink-1)', opacity: item.trackStock && !item.posProvider ? 1 : 0.55 }}>
                  <Group justify="space-between" wrap="nowrap">
                    <Box style={{ minWidth: 0 }}>
                      <Text fw={600} truncate>
                        {itemTitle(item)}
                      </Text>
                      <Text size="sm" c="ink.7">
                        {h.sku}
                        {h.barcode ? ` · ${h.barcode}` : ''}
                      </Text>
                    </Box>
                    {item.posProvider ? (
                      <Badge color="indigo" variant="light">
                        {countedIn(item.posProvider)}
                      </Badge>
                    ) : item.trackStock ? (
                      <Text size="sm" c="ink.7" className="tabular">
                        {item.onHand === null ? 'no level yet' : `${item.onHand} in stock`}
                      </Text>
                    ) : (
                      <Badge color="gray" variant="light">
                        Stock not tracked
                      </Badge>
                    )}
                  </Group>
                </UnstyledButton>
              );
            })}
          </Stack>
        </Paper>
      )}
      {q && results.data && hits.length === 0 && !results.isFetching && (
        <Text size="sm" c="ink.7" mt={4}>
          Nothing matches “{q}”.
        </Text>
      )}
    </Box>
  );
}
