import { Button, Group } from '@mantine/core';
import { IconArrowLeft, IconArrowRight } from '@tabler/icons-react';
import { Link } from 'react-router';
import { SHOPS_PARAM } from './loader';

/**
 * Plain links to the next page of shops and back to the first: they work before (or without) JavaScript, and a
 * shared link shows the same page. `#shops` brings the list back into view after a full page load.
 */
export function ShopPager({ nextCursor, isFirstPage, nearest }: { nextCursor: string | null; isFirstPage: boolean; nearest: boolean }) {
  if (!nextCursor && isFirstPage) return null;
  return (
    <Group component="nav" aria-label="More shops" justify="center" gap="sm" mt="lg">
      {!isFirstPage && (
        <Button component={Link} to="/#shops" variant="default" leftSection={<IconArrowLeft size={18} aria-hidden />}>
          {nearest ? 'Back to the nearest shops' : 'Back to the most popular'}
        </Button>
      )}
      {nextCursor && (
        <Button component={Link} to={`/?${SHOPS_PARAM}=${encodeURIComponent(nextCursor)}#shops`} rightSection={<IconArrowRight size={18} aria-hidden />}>
          Show more shops
        </Button>
      )}
    </Group>
  );
}
