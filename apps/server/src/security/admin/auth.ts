import { ALL, m, OPERATOR, q, type Policy } from '../policy-kit';

/** The console's own sign-in and the audit log. */
export const ADMIN_AUTH_POLICIES: Readonly<Record<string, Policy>> = {
  'admin.signIn': m(ALL, 'the console sign-in form: password and TOTP code (or a recovery code) are the proof, throttled like every sign-in', 'proof'),
  'admin.signOut': m(ALL, 'always succeeds so a stale cookie can be cleared; ends only an operator’s own session'),
  'admin.me': q(OPERATOR, 'the signed-in operator, when the session ends and how many recovery codes are left'),
  'admin.newRecoveryCodes': m(OPERATOR, 'replaces the operator’s own recovery codes (shown once); audited'),
  'admin.audit': q(OPERATOR, 'the append-only log of every operator action, paged'),
};
