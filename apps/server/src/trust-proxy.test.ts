import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { loadEnv } from './env';
import { buildApp } from './http/app';
import { describeEachDb, testEnv } from './test/harness';

describe('TRUST_PROXY configuration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'makeries-trust-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const trust = (value: string | undefined) => loadEnv({ INIT_CWD: dir, APP_SECRET: 'x'.repeat(40), TRUST_PROXY: value }).TRUST_PROXY;

  it('trusts no proxy when unset or empty, a hop count, or a list of addresses and ranges', () => {
    expect(trust(undefined)).toBe(false);
    expect(trust('')).toBe(false);
    expect(trust('1')).toBe(1);
    expect(trust('10.0.0.0/8, 127.0.0.1,::1,fd00::/8,loopback')).toEqual(['10.0.0.0/8', '127.0.0.1', '::1', 'fd00::/8', 'loopback']);
  });

  it('refuses anything else at start with a clear message', () => {
    expect(() => trust('true')).toThrow(/TRUST_PROXY: 'true' would let any client choose its address/);
    expect(() => trust('0')).toThrow(/TRUST_PROXY: A hop count must be between 1 and 10/);
    expect(() => trust('10.0.0.0/33,proxy.local')).toThrow(/TRUST_PROXY: Not a hop count, IP address or CIDR range: "10.0.0.0\/33", "proxy.local"/);
    expect(() => trust('10.0.0.1,')).toThrow(/TRUST_PROXY: Not a hop count/);
  });
});

interface LoginAnswer {
  error?: { data?: { appCode?: string } };
}

describeEachDb('login limits behind proxies (X-Forwarded-For)', (get) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'makeries-xff-'));
  const apps: FastifyInstance[] = [];
  const appWith = async (overrides: Record<string, string>) => {
    const app = await buildApp({ database: get().database, env: testEnv({ DATA_DIR: dataDir, LOGIN_IP_RATE_LIMIT: '3', ...overrides }) });
    apps.push(app);
    return app;
  };
  let seq = 0;
  /** a failed sign-in for a fresh email each time, so only the per-address limit (LOGIN_IP_RATE_LIMIT) can stop it */
  const guess = async (app: FastifyInstance, forwardedFor: string) => {
    const res = await app.inject({
      method: 'POST',
      url: '/trpc/auth.staffLogin',
      headers: { 'x-forwarded-for': forwardedFor },
      payload: { email: `guess${++seq}@example.test`, password: 'not-the-password' },
    });
    return res.json<LoginAnswer>().error?.data?.appCode;
  };

  afterAll(async () => {
    for (const app of apps) await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('with TRUST_PROXY unset, a client rotating X-Forwarded-For is still one address and gets limited', async () => {
    const app = await appWith({});
    const answers: (string | undefined)[] = [];
    for (let i = 0; i < 6; i++) answers.push(await guess(app, `198.51.100.${i + 1}`));
    expect(answers.slice(0, 3)).toEqual(['INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS']);
    expect(answers.slice(3)).toEqual(['RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED']);
  });

  for (const trustProxy of ['1', '127.0.0.0/8']) {
    it(`with TRUST_PROXY=${trustProxy}, the forwarded address is the one limited`, async () => {
      const app = await appWith({ TRUST_PROXY: trustProxy });
      const client = `203.0.113.${trustProxy === '1' ? 10 : 20}`;
      for (let i = 0; i < 3; i++) expect(await guess(app, client)).toBe('INVALID_CREDENTIALS');
      expect(await guess(app, client)).toBe('RATE_LIMITED');
      // another client behind the same proxy is not punished; a spoofed hop further left changes nothing
      expect(await guess(app, `203.0.113.${trustProxy === '1' ? 11 : 21}`)).toBe('INVALID_CREDENTIALS');
      expect(await guess(app, `192.0.2.99, ${client}`)).toBe('RATE_LIMITED');
    });
  }
});
