import { Anchor, Group, Text } from '@mantine/core';
import { Link } from 'react-router';
import { market } from '../lib/market';

export function Footer() {
  return (
    <footer className="mk-footer">
      <div className="mk-footer-inner">
        <Group justify="space-between" gap="sm">
          <Text size="sm">Makeries — order ahead from {market().city.name}’s independent shops. Pay when you collect.</Text>
          <Group gap="md">
            <Anchor component={Link} to="/search" size="sm">
              All products
            </Anchor>
            <Anchor component={Link} to="/account" size="sm">
              Your orders
            </Anchor>
            <Anchor href="/sitemap.xml" size="sm">
              Sitemap
            </Anchor>
          </Group>
        </Group>
      </div>
    </footer>
  );
}
