import { Alert, Anchor, Button, PasswordInput, Stack, Tabs, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { customerLoginInput, customerSignupInput } from '@makeries/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useRevalidator, useSearchParams } from 'react-router';
import { failureOf, useTRPC } from '../../app/api';
import { schemaErrors } from '../../lib/form-rules';
import { SignupSent } from './signup-sent';

type Mode = 'login' | 'signup';

type AuthValues = { name: string; email: string; password: string };

/** Sign in or create an account; the server sets an httpOnly session cookie, the page never sees the token. */
export function AuthForms() {
  const trpc = useTRPC();
  const signup = useMutation(trpc.auth.customerSignup.mutationOptions());
  const login = useMutation(trpc.auth.customerLogin.mutationOptions());
  const queryClient = useQueryClient();
  const revalidator = useRevalidator();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [mode, setMode] = useState<Mode>('login');
  // the rules the server applies: a new password's length at sign-up, any password at sign-in
  const form = useForm<AuthValues>({
    initialValues: { name: '', email: '', password: '' },
    validate: (v) => schemaErrors(mode === 'login' ? customerLoginInput : customerSignupInput, v),
  });
  const [message, setMessage] = useState<string | null>(null);
  const [signedUp, setSignedUp] = useState<string | null>(null);

  async function submit(values: AuthValues) {
    setMessage(null);
    try {
      if (mode === 'signup') {
        // the same answer whether or not the email already has an account: nobody is signed in here
        await signup.mutateAsync(customerSignupInput.parse(values));
        setSignedUp(values.email);
        return;
      }
      await login.mutateAsync(customerLoginInput.parse(values));
      await queryClient.invalidateQueries();
      const next = params.get('next');
      if (next && next.startsWith('/') && !next.startsWith('//')) await navigate(next);
      else await revalidator.revalidate();
    } catch (err) {
      setMessage(failureOf(err).message);
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
      <form onSubmit={form.onSubmit((v) => void submit(v))} noValidate>
        <Stack gap="sm">
          {message && (
            <Alert color="red" variant="light" role="alert">
              {message}
            </Alert>
          )}
          {mode === 'signup' && (
            <TextInput label="Name" autoComplete="name" {...form.getInputProps('name')} required />
          )}
          <TextInput label="Email" type="email" autoComplete="email" {...form.getInputProps('email')} required />
          <PasswordInput
            label="Password"
            description={mode === 'signup' ? 'At least 10 characters' : undefined}
            autoComplete={mode === 'login' ? 'current-password' : 'new-password'}
            {...form.getInputProps('password')}
            required
          />
          <Button type="submit" loading={signup.isPending || login.isPending} size="md">
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
