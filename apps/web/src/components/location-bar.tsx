import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconCurrentLocation, IconMapPin } from '@tabler/icons-react';
import { useState, type SubmitEvent } from 'react';
import { saveLocation, type ShopperLocation } from '../lib/location';
import { lookupPostcode } from '../lib/postcodes';

/**
 * Where the shopper is: a postcode (placed at its district) or the browser's location. Saved in a cookie so
 * the next server render already shows nearby shops; `onChange` lets the page reload its data.
 */
export function LocationBar({ location, onChange }: { location: ShopperLocation | null; onChange: () => void }) {
  const [editing, setEditing] = useState(location === null);
  const [postcode, setPostcode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [locating, setLocating] = useState(false);

  function apply(loc: ShopperLocation | null) {
    saveLocation(loc);
    setEditing(loc === null);
    setError(null);
    onChange();
  }

  function submit(e: SubmitEvent) {
    e.preventDefault();
    const found = lookupPostcode(postcode);
    if (!found.ok) {
      setError(found.message);
      return;
    }
    apply({ lat: found.place.lat, lng: found.place.lng, label: found.place.label });
  }

  function locate() {
    if (!('geolocation' in navigator)) {
      setError('Your browser cannot share its location. Enter your postcode instead.');
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        apply({ lat: pos.coords.latitude, lng: pos.coords.longitude, label: 'Your location' });
      },
      () => {
        setLocating(false);
        setError('We could not get your location. Enter your postcode instead.');
      },
      { timeout: 10_000, maximumAge: 600_000 },
    );
  }

  if (!editing && location) {
    return (
      <Group gap="sm">
        <IconMapPin size={20} aria-hidden />
        <Text fw={600}>Near {location.label}</Text>
        <Button variant="subtle" size="compact-sm" onClick={() => setEditing(true)}>
          Change
        </Button>
      </Group>
    );
  }

  return (
    <Stack gap={6} component="form" onSubmit={submit} maw={560}>
      <Group gap="sm" align="flex-start" wrap="wrap">
        <TextInput
          label="Your postcode"
          placeholder="e.g. BS8 4DR"
          value={postcode}
          onChange={(e) => setPostcode(e.currentTarget.value)}
          error={error}
          autoComplete="postal-code"
          style={{ flex: '1 1 180px' }}
          size="md"
        />
        <Button type="submit" size="md" mt={{ base: 0, xs: 25 }} style={{ flex: '0 0 auto' }}>
          Find shops
        </Button>
      </Group>
      <Group gap="xs">
        <Button variant="subtle" size="compact-sm" leftSection={<IconCurrentLocation size={16} aria-hidden />} onClick={locate} loading={locating}>
          Use my location
        </Button>
        {location && (
          <Button variant="subtle" size="compact-sm" color="gray" onClick={() => setEditing(false)}>
            Keep {location.label}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
