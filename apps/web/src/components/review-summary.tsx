import { Group, Progress, Stack, Text } from '@mantine/core';
import type { RatingSummary } from '@makeries/shared';
import { distributionRows } from '../lib/reviews';
import { ReviewStars, STAR_COLOR } from './review-stars';

/** Average, count and how the stars are spread, like shoppers expect from any shop page. */
export function ReviewSummary({ summary }: { summary: RatingSummary }) {
  if (summary.count === 0 || summary.average === null) return null;
  return (
    <Stack gap="xs" miw={220}>
      <Group gap="sm" align="baseline">
        <Text fz={40} fw={800} lh={1}>
          {summary.average.toFixed(1)}
        </Text>
        <Stack gap={2}>
          <ReviewStars value={summary.average} count={summary.count} showCount={false} />
          <Text size="sm" c="dimmed">
            {summary.count === 1 ? '1 review' : `${summary.count} reviews`}
          </Text>
        </Stack>
      </Group>
      <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Ratings by stars">
        {distributionRows(summary).map((r) => (
          <Group key={r.stars} component="li" gap={8} wrap="nowrap" aria-label={`${r.stars} stars: ${r.count}`}>
            <Text size="xs" w={44} aria-hidden>
              {r.stars} star{r.stars === 1 ? '' : 's'}
            </Text>
            <Progress value={r.percent} color={STAR_COLOR} size="md" style={{ flex: 1 }} aria-hidden />
            <Text size="xs" w={24} ta="right" c="dimmed" aria-hidden>
              {r.count}
            </Text>
          </Group>
        ))}
      </Stack>
    </Stack>
  );
}
