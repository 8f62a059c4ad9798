import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadEnv } from './env';

describe('configuration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'makeries-env-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('explains every invalid variable at once', () => {
    expect(() => loadEnv({ PORT: 'eighty', DATABASE_URL: 'not a url', INIT_CWD: dir })).toThrow(/PORT[\s\S]*DATABASE_URL/);
  });

  it('refuses AUTO_APPROVE_SHOPS in production: there an operator approves every shop', () => {
    expect(() => loadEnv({ INIT_CWD: dir, NODE_ENV: 'production', AUTO_APPROVE_SHOPS: 'on' })).toThrow(/AUTO_APPROVE_SHOPS/);
    expect(loadEnv({ INIT_CWD: dir, NODE_ENV: 'development', AUTO_APPROVE_SHOPS: 'on' }).AUTO_APPROVE_SHOPS).toBe('on');
    expect(loadEnv({ INIT_CWD: dir }).AUTO_APPROVE_SHOPS).toBe('off');
  });

  it('puts ./data where the command was typed, whatever folder pnpm runs the script in', () => {
    const env = loadEnv({ INIT_CWD: dir });
    expect(env.DATA_DIR).toBe(join(dir, 'data'));
    expect(env.serverDataDir).toBe(join(dir, 'data', 'server'));
    expect(env.mediaDir).toBe(join(dir, 'data', 'media'));
    expect(env.PORT).toBe(3000);
  });

  it('creates a local secret once and keeps it across restarts, unless APP_SECRET is given', () => {
    const first = loadEnv({ INIT_CWD: dir, DATA_DIR: 'secret-test' });
    const again = loadEnv({ INIT_CWD: dir, DATA_DIR: 'secret-test' });
    expect(first.appSecret.length).toBeGreaterThanOrEqual(32);
    expect(again.appSecret).toBe(first.appSecret);
    expect(readFileSync(join(dir, 'secret-test', 'secret.key'), 'utf8')).toBe(first.appSecret);
    const given = 'x'.repeat(40);
    expect(loadEnv({ INIT_CWD: dir, APP_SECRET: given }).appSecret).toBe(given);
    expect(() => loadEnv({ INIT_CWD: dir, APP_SECRET: 'short' })).toThrow(/APP_SECRET/);
  });

  it("reads the marketplace's locale, money, country, zone and city, refusing values Intl does not know", () => {
    const market = loadEnv({ INIT_CWD: dir, MARKET_LOCALE: 'de-DE', MARKET_CURRENCY: 'EUR', MARKET_COUNTRY: 'DE', MARKET_TIMEZONE: 'Europe/Berlin', MARKET_CITY: 'Berlin', MARKET_CITY_CENTRE: '52.52,13.405' });
    expect(market).toMatchObject({ MARKET_LOCALE: 'de-DE', MARKET_CURRENCY: 'EUR', MARKET_COUNTRY: 'DE', MARKET_TIMEZONE: 'Europe/Berlin', MARKET_CITY: 'Berlin', MARKET_CITY_CENTRE: [52.52, 13.405] });
    expect(() =>
      loadEnv({ INIT_CWD: dir, MARKET_LOCALE: 'no such_locale!', MARKET_CURRENCY: 'euro', MARKET_COUNTRY: 'Germany', MARKET_TIMEZONE: 'Mars/Base', MARKET_CITY_CENTRE: '200,0' }),
    ).toThrow(/MARKET_LOCALE[\s\S]*MARKET_CURRENCY[\s\S]*MARKET_COUNTRY[\s\S]*MARKET_TIMEZONE[\s\S]*MARKET_CITY_CENTRE/);
  });
});
