import { Group, Rating, Text } from '@mantine/core';
import { ratingLabel } from '../lib/reviews';

/** Amber dark enough for 3:1 against white (non-text contrast), unlike Mantine's default yellow. */
export const STAR_COLOR = '#b45309';

/** A read-only star rating; screen readers hear "4.5 out of 5 stars from 12 reviews" instead of five images. */
export function ReviewStars({ value, count, size = 'sm', showCount = true }: { value: number; count?: number; size?: 'xs' | 'sm' | 'md' | 'lg'; showCount?: boolean }) {
  const label = count === undefined ? `${value} out of 5 stars` : ratingLabel({ average: value, count });
  return (
    <Group gap={6} wrap="nowrap" role="img" aria-label={label}>
      <Rating value={value} fractions={2} readOnly size={size} color={STAR_COLOR} aria-hidden />
      {showCount && count !== undefined && (
        <Text size="sm" fw={600} aria-hidden>
          {value.toFixed(1)} <Text span c="dimmed" size="sm">({count})</Text>
        </Text>
      )}
    </Group>
  );
}
