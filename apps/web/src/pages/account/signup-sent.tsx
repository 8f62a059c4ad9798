import { Button, Stack, Text, Title } from '@mantine/core';

/**
 * After "Create account": the server answers the same whether or not the email already had an account, so the
 * page can only say what is true in both cases and point to the inbox.
 */
export function SignupSent({ email, onSignIn }: { email: string; onSignIn: () => void }) {
  return (
    <Stack gap="sm" role="status" aria-live="polite">
      <Title order={2} size="h3">
        Check your email
      </Title>
      <Text>
        We have sent a message to <strong>{email}</strong>. If this is a new account, it has a link to confirm your email address. If you
        already have an account, it tells you how to sign in or reset your password.
      </Text>
      <Text size="sm" c="dimmed">
        New to Makeries? Sign in now with the password you just chose and order straight away; confirm your email to see all your orders on
        every device.
      </Text>
      <Button size="md" onClick={onSignIn}>
        Sign in
      </Button>
    </Stack>
  );
}
