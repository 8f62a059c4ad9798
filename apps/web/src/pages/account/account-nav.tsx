import { Button, Group } from '@mantine/core';
import { IconHeart, IconMapPin, IconReceipt } from '@tabler/icons-react';
import { Link, useLocation } from 'react-router';

const LINKS = [
  { to: '/account', label: 'Orders', icon: IconReceipt },
  { to: '/account/favourites', label: 'Favourites', icon: IconHeart },
  { to: '/account/addresses', label: 'Addresses', icon: IconMapPin },
];

/** Tabs between the signed-in account pages; large enough to tap. */
export function AccountNav() {
  const { pathname } = useLocation();
  return (
    <Group component="nav" aria-label="Your account" gap={4} wrap="nowrap" grow>
      {LINKS.map(({ to, label, icon: Icon }) => {
        const current = pathname === to;
        return (
          <Button
            key={to}
            component={Link}
            to={to}
            variant={current ? 'light' : 'subtle'}
            color={current ? 'brand' : 'dark'}
            size="md"
            fz="sm"
            px={6}
            aria-current={current ? 'page' : undefined}
          >
            {/* icons only where there is room: three labels must fit a 360 px phone */}
            <span className="mk-hide-xs" style={{ marginRight: 6, lineHeight: 0 }}>
              <Icon size={16} aria-hidden />
            </span>
            {label}
          </Button>
        );
      })}
    </Group>
  );
}
