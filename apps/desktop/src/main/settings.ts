import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * `settings.json` in the app's user-data folder: what a shop sets once per machine (which marketplace, kiosk
 * mode). Optional; an unreadable file falls back to the defaults and the problems are shown to staff.
 */
const settingsSchema = z
  .object({
    /** the marketplace this counter syncs with and takes updates from; default: the one it was paired with */
    serverUrl: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL, e.g. https://makeries.example' }).optional(),
    /** locked full screen: no window frame, no way out but the app's own quit (a kiosk till) */
    kiosk: z.boolean().default(false),
    /** full screen but an ordinary window otherwise (F11 / the green button leave it) */
    fullscreen: z.boolean().default(false),
    /** where the counter database lives; default: `<user data>/counter` */
    dataDir: z.string().trim().min(1).optional(),
    updates: z
      .object({
        enabled: z.boolean().default(true),
        checkEveryMinutes: z.number().int().min(15).max(24 * 60).default(240),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

export interface LoadedSettings {
  settings: Settings;
  /** sentences for staff; empty when the file is fine or absent */
  problems: string[];
}

/** Parses the file's text (undefined: no file). Unknown keys are reported, so a typo like "kisok" is noticed. */
export function parseSettings(text: string | undefined): LoadedSettings {
  if (text === undefined || text.trim() === '') return { settings: DEFAULT_SETTINGS, problems: [] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { settings: DEFAULT_SETTINGS, problems: [`settings.json is not valid JSON (${e instanceof Error ? e.message : String(e)}); using the defaults.`] };
  }
  const parsed = settingsSchema.safeParse(json);
  if (parsed.success) return { settings: parsed.data, problems: [] };
  const problems = parsed.error.issues.map((i) => {
    const where = i.path.length > 0 ? i.path.join('.') : 'settings.json';
    return i.code === 'unrecognized_keys' ? `${where}: unknown setting ${i.keys.map((k) => `"${k}"`).join(', ')}` : `${where}: ${i.message}`;
  });
  return { settings: DEFAULT_SETTINGS, problems: [...problems, 'Using the default settings until settings.json is fixed.'] };
}

export function loadSettings(file: string): LoadedSettings {
  let text: string | undefined;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
      return { settings: DEFAULT_SETTINGS, problems: [`settings.json could not be read (${(e as Error).message}); using the defaults.`] };
    }
  }
  return parseSettings(text);
}
