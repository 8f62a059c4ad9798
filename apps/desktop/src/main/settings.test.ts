import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, loadSettings, parseSettings } from './settings';

describe('settings.json', () => {
  it('defaults to a normal window, updates on, the paired marketplace', () => {
    expect(DEFAULT_SETTINGS).toEqual({ kiosk: false, fullscreen: false, updates: { enabled: true, checkEveryMinutes: 240 } });
    expect(parseSettings(undefined)).toEqual({ settings: DEFAULT_SETTINGS, problems: [] });
  });

  it('reads a kiosk till’s settings', () => {
    const { settings, problems } = parseSettings(
      JSON.stringify({ kiosk: true, serverUrl: 'https://makeries.example', dataDir: 'D:\\till', updates: { checkEveryMinutes: 60 } }),
    );
    expect(problems).toEqual([]);
    expect(settings).toEqual({
      kiosk: true,
      fullscreen: false,
      serverUrl: 'https://makeries.example',
      dataDir: 'D:\\till',
      updates: { enabled: true, checkEveryMinutes: 60 },
    });
  });

  it('falls back to the defaults and says what is wrong, naming the setting', () => {
    const typo = parseSettings(JSON.stringify({ kisok: true }));
    expect(typo.settings).toEqual(DEFAULT_SETTINGS);
    expect(typo.problems[0]).toBe('settings.json: unknown setting "kisok"');

    const bad = parseSettings(JSON.stringify({ serverUrl: 'ftp://x', updates: { checkEveryMinutes: 1 } }));
    expect(bad.settings).toEqual(DEFAULT_SETTINGS);
    expect(bad.problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/^serverUrl: must be an http:\/\/ or https:\/\/ URL/), expect.stringMatching(/^updates\.checkEveryMinutes: /)]),
    );

    const broken = parseSettings('{ "kiosk": tru');
    expect(broken.settings).toEqual(DEFAULT_SETTINGS);
    expect(broken.problems[0]).toMatch(/^settings\.json is not valid JSON/);
  });

  it('treats a missing file as defaults without complaint', () => {
    const dir = mkdtempSync(join(tmpdir(), 'settings-'));
    try {
      expect(loadSettings(join(dir, 'settings.json'))).toEqual({ settings: DEFAULT_SETTINGS, problems: [] });
      writeFileSync(join(dir, 'settings.json'), '{"fullscreen": true}');
      expect(loadSettings(join(dir, 'settings.json')).settings.fullscreen).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
