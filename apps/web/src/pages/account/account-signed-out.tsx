import { Button, Card, Stack, Text, Title } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import { signInHref } from '../../lib/reviews';

/** Account sub-pages for a visitor who is not signed in: say why, and come back here after signing in. */
export function AccountSignedOut({ title, why }: { title: string; why: string }) {
  const location = useLocation();
  return (
    <Stack gap="md" maw={560} mx="auto">
      <Title order={1} fz={{ base: 26, sm: 32 }}>
        {title}
      </Title>
      <Card padding="lg">
        <Stack gap="sm" align="flex-start">
          <Text>{why}</Text>
          <Button component={Link} to={signInHref(location.pathname)} size="md">
            Sign in or create an account
          </Button>
        </Stack>
      </Card>
    </Stack>
  );
}
