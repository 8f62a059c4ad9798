import { Alert, Anchor, Button, PasswordInput, Stack, Tabs, TextInput } from '@mantine/core';
import { customerLoginInput, customerSignupInput } from '@makeries/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useRevalidator, useSearchParams } from 'react-router';
import { failureOf, useTRPCClient } from '../../app/api';
import { SignupSent } from './signup-sent';

type Mode = 'login' | 'signup';

/** Sign in or create an account; the server sets an httpOnly session cookie, the page never sees the token. */
export function AuthForms() {
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const revalidator = useRevalidator();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [mode, setMode] = useState<Mode>('login');
  const [form, setForm] = useState({ name: '', email: '', password: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [signedUp, setSignedUp] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setMessage(null);
    const parsed = mode === 'login' ? customerLoginInput.safeParse(form) : customerSignupInput.safeParse(form);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      if (mode === 'signup') {
        // the same answer whether or not the email already has an account: nobody is signed in here
        await client.auth.customerSignup.mutate(customerSignupInput.parse(form));
        setSignedUp(form.email);
        return;
      }
      await client.auth.customerLogin.mutate(customerLoginInput.parse(form));
      await queryClient.invalidateQueries();
      const next = params.get('next');
      if (next && next.startsWith('/') && !next.startsWith('//')) await navigate(next);
      else await revalidator.revalidate();
    } catch (err) {
      setMessage(failureOf(err).message);
    } finally {
      setBusy(false);
    }
  }

  if (signedUp) {
    return (
      <SignupSent
        email={signedUp}
        onSignIn={() => {
          setSignedUp(null);
          setMode('login');
        }}
      />
    );
  }

  return (
    <Tabs value={mode} onChange={(v) => setMode((v as Mode) ?? 'login')}>
      <Tabs.List grow mb="md">
        <Tabs.Tab value="login">Sign in</Tabs.Tab>
        <Tabs.Tab value="signup">Create account</Tabs.Tab>
      </Tabs.List>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          {message && (
            <Alert color="red" variant="light" role="alert">
              {message}
            </Alert>
          )}
          {mode === 'signup' && (
            <TextInput label="Name" autoComplete="name" value={form.name} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} error={errors.name} required />
          )}
          <TextInput label="Email" type="email" autoComplete="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.currentTarget.value })} error={errors.email} required />
          <PasswordInput
            label="Password"
            description={mode === 'signup' ? 'At least 10 characters' : undefined}
            autoComplete={mode === 'login' ? 'current-password' : 'new-password'}
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.currentTarget.value })}
            error={errors.password}
            required
          />
          <Button type="submit" loading={busy} size="md">
            {mode === 'login' ? 'Sign in' : 'Create account'}
          </Button>
          {mode === 'login' && (
            <Anchor component={Link} to="/account/forgot" size="sm">
              Forgot password?
            </Anchor>
          )}
        </Stack>
      </form>
    </Tabs>
  );
}
