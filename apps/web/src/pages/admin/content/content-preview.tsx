import { Badge, Card, Group, Image, Stack, Text } from '@mantine/core';
import type { ContentView } from '@makeries/shared';
import { ReviewStars } from '../../../components/review-stars';
import { money } from '../../../lib/format';
import { consoleDate } from './format';

/** The reported item as customers see (or saw) it. */
export function ContentPreview({ content }: { content: ContentView }) {
  return (
    <Card padding="md" withBorder>
      {content.kind === 'product' && (
        <Group align="flex-start" gap="md" wrap="wrap">
          {content.imageUrl && <Image src={content.imageUrl} alt="" w={160} h={160} radius="sm" fit="cover" />}
          <Stack gap={6} style={{ flex: 1, minWidth: 200 }}>
            <Text fw={700} size="lg">
              {content.name}
            </Text>
            <Text fw={600}>from {money(content.minPriceCents, content.currency)}</Text>
            {content.offlineByShop && (
              <Badge color="gray" variant="light">
                Taken offline by the shop
              </Badge>
            )}
            <Text size="sm" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
              {content.description || 'No description.'}
            </Text>
          </Stack>
        </Group>
      )}
      {content.kind === 'review' && (
        <Stack gap={6}>
          <Group justify="space-between">
            <ReviewStars value={content.rating} />
            <Text size="xs" c="dimmed">
              {consoleDate(content.createdAt)}
            </Text>
          </Group>
          {content.productName && <Text fw={650}>{content.productName}</Text>}
          <Text style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>{content.body || '(no text, stars only)'}</Text>
          <Text size="sm" fw={600}>
            {content.authorName}
          </Text>
        </Stack>
      )}
      {content.kind === 'shop' && (
        <Stack gap={6}>
          <Group gap="sm">
            <Text fw={700} size="lg">
              {content.name}
            </Text>
            <Badge variant="light" color={content.status === 'approved' ? 'brand' : 'red'}>
              {content.status}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {content.city}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
            {content.description || 'No description.'}
          </Text>
        </Stack>
      )}
      {content.kind === 'message' && (
        <Stack gap={6}>
          <Group justify="space-between">
            <Text fw={700}>
              Order {content.orderNumber} · from the {content.author === 'shop' ? 'shop' : 'customer'}
            </Text>
            <Text size="xs" c="dimmed">
              {consoleDate(content.createdAt)}
            </Text>
          </Group>
          {content.photoUrl && <Image src={content.photoUrl} alt="Photo sent with the message" w={160} radius="sm" />}
          <Text style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>{content.body || '(photo only)'}</Text>
        </Stack>
      )}
    </Card>
  );
}
