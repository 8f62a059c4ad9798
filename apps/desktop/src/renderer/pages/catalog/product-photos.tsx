import { Alert, Button, FileButton, Group, Image, Stack, Text } from '@mantine/core';
import { IconPhotoPlus, IconWifiOff } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPCClient } from '../../api/trpc';
import type { Outputs } from '../../api/types';
import { counterMediaUrl } from '../../format/media-url';
import { useCatalogWrite } from './use-catalog-write';

type Photo = Outputs['catalogEdit']['uploadPhoto'];

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    // readAsDataURL always ends with a string result; anything else means the read did not happen
    reader.onload = () => {
      if (typeof reader.result === 'string') resolve(reader.result);
      else reject(new Error('This file could not be read.'));
    };
    reader.onerror = () => reject(new Error('This file could not be read.'));
    reader.readAsDataURL(file);
  });
}

interface Props {
  productId: string;
  photos: Photo[];
  online: boolean;
  onUploaded: () => void;
}

/** The product's photos (from the marketplace) and an upload through its image pipeline; needs the connection. */
export function ProductPhotos({ productId, photos, online, onUploaded }: Props) {
  const client = useTRPCClient();
  const write = useCatalogWrite();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const upload = async (file: File | null) => {
    if (!file) return;
    setError(null);
    setBusy(true);
    try {
      const dataBase64 = await readBase64(file);
      const done = await write('add a product photo', (approval) =>
        client.catalogEdit.uploadPhoto.mutate({ productId, contentType: file.type, dataBase64, ...(approval ? { approval } : {}) }),
      );
      if (done) onUploaded();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="xs">
      <Group gap="sm">
        {photos.map((p) => (
          <Image key={p.id} src={counterMediaUrl(p.thumbUrl)} alt={p.alt || 'Product photo'} w={96} h={96} radius="md" fit="cover" />
        ))}
        {photos.length === 0 && <Text c="ink.7">No photo yet.</Text>}
      </Group>
      {online ? (
        <FileButton onChange={(f) => void upload(f)} accept="image/png,image/jpeg,image/webp">
          {(props) => (
            <Button {...props} variant="light" size="md" leftSection={<IconPhotoPlus size={20} />} loading={busy} w="fit-content">
              Add a photo
            </Button>
          )}
        </FileButton>
      ) : (
        <Alert color="gray" icon={<IconWifiOff size={20} />} p="sm">
          Photos need the connection to the marketplace. You can add one when the counter is back online.
        </Alert>
      )}
      {error && (
        <Alert color="red" p="sm">
          {error}
        </Alert>
      )}
    </Stack>
  );
}
