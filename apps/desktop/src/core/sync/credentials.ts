import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * The device token lives in its own owner-only file beside counter.sqlite, not in the database: copies of the
 * database (support, backups, bug reports) then never carry a credential that can push sales as this shop.
 * It is written before the device row at pairing and removed after it at unpairing.
 */
export const CREDENTIALS_FILE = 'sync-credentials.json';

const credentialsSchema = z.object({
  deviceId: z.string().min(1),
  token: z.string().min(1),
  serverUrl: z.string().min(1),
});
type Credentials = z.infer<typeof credentialsSchema>;

export interface CredentialStore {
  read(): Credentials | null;
  write(c: Credentials): void;
  clear(): void;
}

export function createCredentialStore(dataDir: string): CredentialStore {
  const file = join(dataDir, CREDENTIALS_FILE);
  let cached: Credentials | null | undefined;
  return {
    read() {
      if (cached !== undefined) return cached;
      try {
        const parsed = credentialsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
        cached = parsed.success ? parsed.data : null;
      } catch {
        cached = null;
      }
      return cached;
    },
    write(c) {
      // write, fsync, rename: a crash leaves the old file or the new one, never half a token
      const tmp = `${file}.tmp`;
      const fd = openSync(tmp, 'w', 0o600);
      try {
        writeSync(fd, JSON.stringify(c));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, file);
      cached = c;
    },
    clear() {
      rmSync(file, { force: true });
      cached = null;
    },
  };
}
