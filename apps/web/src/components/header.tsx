import { Badge, Button, Group } from '@mantine/core';
import { IconBasket, IconUserCircle } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useInBrowser } from '../app/use-in-browser';
import { cartCount } from '../lib/cart/cart';
import { useCart } from '../lib/cart/store';
import { Logo } from './logo';
import { SearchBox } from './search-box';

function firstName(name: string): string {
  return name.split(' ')[0] ?? name;
}

export function Header({ customerName: signedInAs }: { customerName: string | null }) {
  const count = cartCount(useCart());
  // who is signed in shows after the page (like the cart badge): the page HTML is the same for every visitor
  const customerName = useInBrowser() ? signedInAs : null;
  return (
    <header className="mk-header">
      <a href="#main" className="mk-skip">
        Skip to content
      </a>
      <div className="mk-header-inner">
        <Link to="/" className="mk-logo" aria-label="Makeries home">
          <Logo />
        </Link>
        <SearchBox />
        <Group className="mk-actions" gap={6} wrap="nowrap">
          <Button
            component={Link}
            to="/account"
            variant="subtle"
            color="dark"
            px="xs"
            leftSection={<IconUserCircle size={22} stroke={1.6} aria-hidden />}
            // the name starts with the words shown beside the icon (shown from small tablets up)
            aria-label={customerName ? `${firstName(customerName)}: your account` : 'Account: sign in or view your orders'}
          >
            <span className="mk-hide-xs">{customerName ? firstName(customerName) : 'Account'}</span>
          </Button>
          <Button
            component={Link}
            to="/cart"
            variant="light"
            px="sm"
            leftSection={<IconBasket size={22} stroke={1.6} aria-hidden />}
            rightSection={
              count > 0 ? (
                <Badge size="sm" circle={count < 10} variant="filled" miw={20} aria-hidden>
                  {count}
                </Badge>
              ) : null
            }
            aria-label={`Cart, ${count} ${count === 1 ? 'item' : 'items'}`}
          >
            {/* the space keeps "Cart" and the badge's number two words, as the name says them */}
            <span className="mk-hide-xs">Cart </span>
          </Button>
        </Group>
      </div>
    </header>
  );
}
