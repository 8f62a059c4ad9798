import { Badge, Group, Stack, Text } from '@mantine/core';
import type { ReviewView } from '@makeries/shared';
import { IconCircleCheck } from '@tabler/icons-react';
import { reviewDate } from '../lib/reviews';
import { ReportButton } from './report-button';
import { ReviewStars } from './review-stars';

export function ReviewItem({ review, showProduct }: { review: ReviewView; showProduct: boolean }) {
  return (
    <Stack gap={6} component="article" py="sm" style={{ borderTop: '1px solid #e6e1da' }}>
      <Group justify="space-between" gap="xs" wrap="wrap">
        <ReviewStars value={review.rating} />
        <Text size="xs" c="dimmed">
          {reviewDate(review.createdAt)}
        </Text>
      </Group>
      {showProduct && review.productName && (
        <Text size="sm" fw={650}>
          {review.productName}
        </Text>
      )}
      {review.body && <Text style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>{review.body}</Text>}
      <Group gap={8}>
        <Text size="sm" fw={600}>
          {review.authorName}
        </Text>
        <Badge variant="light" color="brand" size="sm" leftSection={<IconCircleCheck size={12} aria-hidden />}>
          Verified purchase
        </Badge>
        {review.mine ? (
          <Text size="xs" c="dimmed">
            (your review)
          </Text>
        ) : (
          <Group ml="auto">
            <ReportButton kind="review" targetId={review.id} name={`Review by ${review.authorName}`} />
          </Group>
        )}
      </Group>
    </Stack>
  );
}
