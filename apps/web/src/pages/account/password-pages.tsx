import { Alert, Anchor, Button, Card, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { requestPasswordResetInput, resetPasswordInput } from '@makeries/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent, type ReactNode } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { failureOf, useTRPCClient } from '../../app/api';

function Frame({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="md" maw={480} mx="auto">
      <Title order={1} fz={{ base: 26, sm: 32 }}>
        {title}
      </Title>
      <Card padding="lg">{children}</Card>
    </Stack>
  );
}

/** /account/forgot: asks for an email; the answer is the same whether or not an account has it. */
export function ForgotPasswordPage() {
  const client = useTRPCClient();
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [message, setMessage] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    setMessage(null);
    const parsed = requestPasswordResetInput.safeParse({ email });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message);
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      await client.auth.requestPasswordReset.mutate(parsed.data);
      setSent(true);
    } catch (err) {
      setMessage(failureOf(err).message);
    } finally {
      setBusy(false);
    }
  }

  if (sent) {
    return (
      <Frame title="Check your email">
        <Stack gap="sm">
          <Text role="status">
            If {email} has a Makeries account or shop sign-in, we have sent it a link to choose a new password. The link works once, for one hour.
          </Text>
          <Anchor component={Link} to="/account">
            Back to sign in
          </Anchor>
        </Stack>
      </Frame>
    );
  }
  return (
    <Frame title="Forgot your password?">
      <form onSubmit={(e) => void submit(e)} noValidate aria-label="Reset password by email">
        <Stack gap="sm">
          <Text>Enter the email you sign in with, and we will send you a link to choose a new password.</Text>
          {message && (
            <Alert color="red" variant="light" role="alert">
              {message}
            </Alert>
          )}
          <TextInput label="Email" type="email" autoComplete="email" value={email} onChange={(e) => {
              setEmail(e.currentTarget.value);
              setError(undefined);
            }}
            error={error} required />
          <Button type="submit" loading={busy} size="md">
            Send reset link
          </Button>
          <Anchor component={Link} to="/account">
            Back to sign in
          </Anchor>
        </Stack>
      </form>
    </Frame>
  );
}

/** /account/reset?token=…: the link from the email; a customer is signed in afterwards, shop staff sign in again. */
export function ResetPasswordPage() {
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [message, setMessage] = useState<string | null>(null);
  const [doneFor, setDoneFor] = useState<'staff' | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    setMessage(null);
    const parsed = resetPasswordInput.safeParse({ token, password });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      if (issue?.path[0] === 'token') setMessage(issue.message);
      else setError(issue?.message);
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      const result = await client.auth.resetPassword.mutate(parsed.data);
      if (result.kind === 'staff') setDoneFor('staff');
      else {
        await queryClient.invalidateQueries();
        await navigate('/account');
      }
    } catch (err) {
      setMessage(failureOf(err).message);
    } finally {
      setBusy(false);
    }
  }

  if (doneFor === 'staff') {
    return (
      <Frame title="Password changed">
        <Text role="status">Your shop password is changed and every device signed in with the old one is signed out. Sign in again with the new password.</Text>
      </Frame>
    );
  }
  return (
    <Frame title="Choose a new password">
      <form onSubmit={(e) => void submit(e)} noValidate aria-label="Choose a new password">
        <Stack gap="sm">
          {message && (
            <Alert color="red" variant="light" role="alert">
              {message}{' '}
              <Anchor component={Link} to="/account/forgot">
                Ask for a new link
              </Anchor>
            </Alert>
          )}
          <PasswordInput
            label="New password"
            description="At least 10 characters. Every device signed in with the old password is signed out."
            autoComplete="new-password"
            value={password}
            onChange={(e) => {
              setPassword(e.currentTarget.value);
              setError(undefined);
            }}
            error={error}
            required
          />
          <Button type="submit" loading={busy} size="md">
            Save new password
          </Button>
        </Stack>
      </form>
    </Frame>
  );
}
