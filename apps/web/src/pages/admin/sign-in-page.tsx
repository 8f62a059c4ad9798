import { Alert, Anchor, Box, Button, Card, PasswordInput, Stack, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useForm } from '@mantine/form';
import { operatorSignInInput } from '@makeries/shared';
import { IconShieldLock } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { failureOf, useTRPC } from '../../app/api';
import { schemaErrors } from '../../lib/form-rules';
import { safeNext } from './admin-loaders';

type SignInValues = {
  email: string;
  password: string;
  code: string;
};

const TOTP = /^\d{6}$/;
const RECOVERY = /^[a-z0-9]{10}$/;

function codeError(code: string, recovery: boolean): string | null {
  const clean = code.replace(/[\s-]/g, '').toLowerCase();
  if (!clean) return recovery ? 'Enter one of your recovery codes' : 'Enter the 6-digit code from your authenticator app';
  if (recovery) return RECOVERY.test(clean) ? null : 'A recovery code has 10 letters and digits, like abcd-efgh-jk';
  return TOTP.test(clean) ? null : 'The code is 6 digits, from your authenticator app';
}

/** `/admin/sign-in`: password and the authenticator's code (or a recovery code), then on to where the operator was going. */
export function AdminSignInPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const signIn = useMutation(trpc.admin.signIn.mutationOptions());
  const [recovery, setRecovery] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm<SignInValues>({
    initialValues: { email: '', password: '', code: '' },
    validate: (v) => {
      const { code: _code, ...errors } = schemaErrors(operatorSignInInput, v, { required: { email: 'Enter your email address', password: 'Enter your password' } });
      const code = codeError(v.code, recovery);
      return code ? { ...errors, code } : errors;
    },
  });

  async function submit(values: SignInValues) {
    setMessage(null);
    try {
      await signIn.mutateAsync(operatorSignInInput.parse(values));
      queryClient.clear();
      await navigate(safeNext(params.get('next')), { replace: true });
    } catch (err) {
      const f = failureOf(err);
      setMessage(f.message);
      // a code works once and changes every 30 seconds: the next try needs a fresh one
      form.setFieldValue('code', '');
    }
  }

  function toggleRecovery() {
    setRecovery((r) => !r);
    form.setFieldValue('code', '');
    form.clearFieldError('code');
  }

  return (
    <Box component="main" id="main" tabIndex={-1} mih="100vh" px="md" py={{ base: 40, sm: 80 }} bg="gray.0">
      <Stack maw={420} mx="auto" gap="lg">
        <Stack gap={6} align="center" ta="center">
          <IconShieldLock size={36} stroke={1.6} color="var(--mantine-color-brand-8)" aria-hidden />
          <Title order={1} size="h2">
            Makeries operator
          </Title>
          <Text c="dimmed" size="sm">
            Sign in to the marketplace's operator console.
          </Text>
        </Stack>
        <Card p={{ base: 'md', sm: 'xl' }} radius="lg" shadow="xs">
          <form onSubmit={form.onSubmit((v) => void submit(v))} noValidate aria-label="Operator sign-in">
            <Stack gap="md">
              {params.get('ended') === '1' && !message && (
                <Alert color="yellow" variant="light">
                  Your session has ended: operator sessions last four hours, and end when you sign out or your account is disabled. Sign in again to carry on.
                </Alert>
              )}
              {message && (
                <Alert color="red" variant="light" role="alert">
                  {message}
                </Alert>
              )}
              <TextInput label="Email" type="email" autoComplete="username" required {...form.getInputProps('email')} />
              <PasswordInput label="Password" autoComplete="current-password" required {...form.getInputProps('password')} />
              {recovery ? (
                <TextInput
                  key="recovery"
                  label="Recovery code"
                  description="One of the codes you were given with your account. Each works once."
                  autoComplete="off"
                  autoCapitalize="none"
                  spellCheck={false}
                  placeholder="abcd-efgh-jk"
                  required
                  {...form.getInputProps('code')}
                />
              ) : (
                <TextInput
                  key="totp"
                  label="Code from your authenticator app"
                  description="The 6-digit code shown for Makeries right now."
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  pattern="[0-9]*"
                  maxLength={6}
                  placeholder="123456"
                  required
                  styles={{ input: { letterSpacing: '0.3em', fontVariantNumeric: 'tabular-nums' } }}
                  {...form.getInputProps('code')}
                />
              )}
              <Button type="submit" size="md" loading={signIn.isPending}>
                Sign in
              </Button>
              <UnstyledButton onClick={toggleRecovery} c="brand.8" fz="sm" ta="center" type="button">
                {recovery ? 'Use the code from my authenticator app' : 'Lost your phone? Use a recovery code'}
              </UnstyledButton>
            </Stack>
          </form>
        </Card>
        <Text size="xs" c="dimmed" ta="center">
          Operator accounts are made on the server (<code>operator:add</code>). Looking for the shops?{' '}
          <Anchor href="/" size="xs">
            Go to the storefront
          </Anchor>
        </Text>
      </Stack>
    </Box>
  );
}
