import { Combobox, Group, Loader, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconBuildingStore, IconCategory, IconSearch, IconShoppingBag } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState, type SubmitEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useTRPC } from '../app/api';
import { EMPTY_SEARCH, parseSearchParams, searchHref, withFilters } from '../lib/search-params';

const ICONS = { product: IconShoppingBag, category: IconCategory, vendor: IconBuildingStore } as const;

/**
 * Search with suggestions (products, categories, shops) as you type. A plain GET form underneath: Enter
 * without a highlighted suggestion searches for the text, and it works before the page's script has loaded.
 */
export function SearchBox() {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const location = useLocation();
  const onSearch = location.pathname === '/search';
  const urlQ = onSearch ? parseSearchParams(new URLSearchParams(location.search)).q : '';
  const [value, setValue] = useState(urlQ);
  // suggestions only once the shopper types, not for the text a results page starts with
  const [typed, setTyped] = useState(false);
  const [debounced] = useDebouncedValue(value.trim(), 150);
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const inputId = useId();

  // every navigation shows what the new page searched for (nothing, off the results page)
  useEffect(() => {
    setValue(urlQ);
    setTyped(false);
  }, [urlQ, location.key]);

  const suggestions = useQuery({
    ...trpc.search.autocomplete.queryOptions({ q: debounced }),
    enabled: typed && debounced.length >= 2,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const items = typed && debounced.length >= 2 ? (suggestions.data ?? []) : [];

  function go(href: string) {
    combobox.closeDropdown();
    void navigate(href);
  }

  function submit(e: SubmitEvent) {
    e.preventDefault();
    const base = onSearch ? parseSearchParams(new URLSearchParams(location.search)) : EMPTY_SEARCH;
    go(searchHref(withFilters(base, { q: value.trim() })));
  }

  const options = items.map((s) => {
    const Icon = ICONS[s.kind];
    const key = s.kind === 'product' ? `product:${s.productId}` : s.kind === 'category' ? `category:${s.slug}` : `vendor:${s.slug}`;
    const hint = s.kind === 'product' ? 'Product' : s.kind === 'category' ? 'Category' : 'Shop';
    return (
      <Combobox.Option value={key} key={key}>
        <Group gap="sm" wrap="nowrap">
          <Icon size={18} stroke={1.6} aria-hidden />
          <Text size="sm" style={{ flex: 1 }} truncate>
            {s.label}
          </Text>
          <Text size="xs" c="dimmed">
            {hint}
          </Text>
        </Group>
      </Combobox.Option>
    );
  });

  return (
    <form action="/search" method="get" role="search" onSubmit={submit} className="mk-search">
      <label htmlFor={inputId} className="mk-visually-hidden">
        Search products and shops
      </label>
      <Combobox
        store={combobox}
        onOptionSubmit={(key) => {
          const [kind, id] = key.split(/:(.*)/s) as [string, string];
          if (kind === 'product') go(`/p/${id}`);
          else if (kind === 'vendor') go(`/v/${id}`);
          else go(searchHref(withFilters(EMPTY_SEARCH, { categories: [id] })));
        }}
      >
        <Combobox.Target>
          <TextInput
            id={inputId}
            name="q"
            type="search"
            autoComplete="off"
            placeholder="Search sourdough, cheese, coffee…"
            value={value}
            radius="xl"
            size="md"
            leftSection={<IconSearch size={18} aria-hidden />}
            rightSection={suggestions.isFetching ? <Loader size={16} /> : null}
            onChange={(e) => {
              setValue(e.currentTarget.value);
              setTyped(true);
              combobox.openDropdown();
              combobox.updateSelectedOptionIndex();
            }}
            onFocus={() => combobox.openDropdown()}
            onBlur={() => combobox.closeDropdown()}
          />
        </Combobox.Target>
        <Combobox.Dropdown hidden={options.length === 0}>
          <Combobox.Options aria-label="Suggestions">{options}</Combobox.Options>
        </Combobox.Dropdown>
      </Combobox>
    </form>
  );
}
