import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { changedFields, useStoreSave } from './store-save';
import type { StoreSettings } from './store-types';

type Profile = Pick<StoreSettings, 'name' | 'description' | 'phone' | 'email' | 'addressLine1' | 'city' | 'postcode'>;

const pick = (s: StoreSettings): Profile => ({
  name: s.name,
  description: s.description,
  phone: s.phone,
  email: s.email,
  addressLine1: s.addressLine1,
  city: s.city,
  postcode: s.postcode,
});

/** The shop as customers see it on the storefront (and as the receipt prints it). */
export function StoreProfileForm({ settings, canEdit }: { settings: StoreSettings; canEdit: boolean }) {
  const [draft, setDraft] = useState<Profile>(() => pick(settings));
  const { errors, message, saving, submit } = useStoreSave();
  const changes = changedFields(draft, pick(settings));
  const dirty = Object.keys(changes).length > 0;
  const field = (key: keyof Profile) => ({
    value: draft[key],
    onChange: (e: { currentTarget: { value: string } }) => setDraft({ ...draft, [key]: e.currentTarget.value }),
    error: errors[key],
    disabled: !canEdit,
  });
  return (
    <Paper withBorder radius="lg" p="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (dirty) submit(changes);
        }}
      >
        <Stack gap="sm">
          <Text fw={700} size="lg">
            Shop profile
          </Text>
          <SimpleGrid cols={2} spacing="md">
            <TextInput label="Shop name" maxLength={120} required {...field('name')} data-testid="store-name" />
            <TextInput label="Phone" maxLength={40} inputMode="tel" {...field('phone')} />
            <TextInput label="Email" maxLength={254} type="email" {...field('email')} />
            <TextInput label="Street address" maxLength={200} required {...field('addressLine1')} />
            <TextInput label="Town or city" maxLength={100} required {...field('city')} />
            <TextInput label="Postcode" maxLength={20} required {...field('postcode')} />
          </SimpleGrid>
          <Textarea label="About the shop" description="Shown on your storefront page." autosize minRows={2} maxRows={5} maxLength={2000} {...field('description')} />
          {message && <Alert color="red">{message}</Alert>}
          {canEdit && (
            <Group justify="flex-end">
              <Button variant="default" disabled={!dirty || saving} onClick={() => setDraft(pick(settings))}>
                Undo changes
              </Button>
              <Button type="submit" disabled={!dirty} loading={saving}>
                Save profile
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
