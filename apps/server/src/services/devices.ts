import { randomInt } from 'node:crypto';
import {
  AppError,
  PAIRING_CODE_ALPHABET,
  PAIRING_CODE_LENGTH,
  formatPairingCode,
  normalizePairingCode,
  uuidv7,
} from '@makeries/shared';
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { devices, pairingCodes, vendors } from '../db/schema/index';
import { consumeRateLimit, releaseRateLimit, type RateLimitRule } from './rate-limit';
import { hashToken, newToken } from './tokens';
import { toVendorProfile, type VendorProfile } from './vendors';

const PAIRING_CODE_TTL_MS = 10 * 60_000;

type DeviceRow = typeof devices.$inferSelect;

export interface DeviceProfile {
  id: string;
  vendorId: string;
  name: string;
  registerCode: string;
  pairedAt: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
  lastMutationId: number;
}

function toDeviceProfile(row: DeviceRow): DeviceProfile {
  return {
    id: row.id,
    vendorId: row.vendorId,
    name: row.name,
    registerCode: row.registerCode,
    pairedAt: row.pairedAt.toISOString(),
    lastSeenAt: row.lastSeenAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastMutationId: row.lastMutationId,
  };
}

/** 8 characters from the unambiguous alphabet: 31^8 ≈ 8.5e11 codes, each alive for 10 minutes. */
function generatePairingCode(): string {
  let code = '';
  for (let i = 0; i < PAIRING_CODE_LENGTH; i++) code += PAIRING_CODE_ALPHABET.charAt(randomInt(PAIRING_CODE_ALPHABET.length));
  return code;
}

export interface PairingCode {
  /** shown once, as "K7QM-4TXP"; only its hash is stored */
  code: string;
  expiresAt: string;
}

export async function createPairingCode(
  db: DbOrTx,
  by: { vendorId: string; staffId: string },
  deviceName: string,
  now: Date = new Date(),
): Promise<PairingCode> {
  const expiresAt = new Date(now.getTime() + PAIRING_CODE_TTL_MS);
  // a clash with a live code is astronomically unlikely; a fresh draw settles it
  for (let attempt = 0; attempt < 3; attempt++) {
    const code = generatePairingCode();
    const [row] = await db
      .insert(pairingCodes)
      .values({ codeHash: hashToken(code), vendorId: by.vendorId, createdBy: by.staffId, deviceName, expiresAt, createdAt: now })
      .onConflictDoNothing()
      .returning({ codeHash: pairingCodes.codeHash });
    if (row) return { code: formatPairingCode(code), expiresAt: expiresAt.toISOString() };
  }
  throw new AppError('INTERNAL', 'Could not create a pairing code. Please try again.');
}

/** Register codes go A1, A2, … per vendor and are never reused, so receipt numbers stay unique. */
function nextRegisterCode(existing: readonly string[]): string {
  let max = 0;
  for (const code of existing) {
    const m = /^A(\d+)$/.exec(code);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `A${max + 1}`;
}

export interface PairedDevice {
  /** the counter's bearer token, shown once */
  deviceToken: string;
  device: DeviceProfile;
  vendor: VendorProfile;
}

const INVALID_CODE =
  'That pairing code is not valid. Codes work once and expire after 10 minutes: ask a manager for a new one.';

/**
 * Turns a one-time code into a device token. Throttled per IP, since anyone may try codes. The code is
 * claimed with one conditional UPDATE, so two counters racing with the same code cannot both pair.
 */
export async function pairDevice(
  db: DbOrTx,
  typedCode: string,
  opts: { ip: string; rule: RateLimitRule; now?: Date },
): Promise<PairedDevice> {
  const now = opts.now ?? new Date();
  const ticket = await consumeRateLimit(db, [`pair:ip:${opts.ip}`], opts.rule, now);
  const code = normalizePairingCode(typedCode);
  if (!code) throw new AppError('PAIRING_CODE_INVALID', INVALID_CODE);
  const deviceToken = newToken();
  const result = await db.transaction(async (tx) => {
    const [claim] = await tx
      .update(pairingCodes)
      .set({ usedAt: now })
      .where(and(eq(pairingCodes.codeHash, hashToken(code)), isNull(pairingCodes.usedAt), gt(pairingCodes.expiresAt, now)))
      .returning({ vendorId: pairingCodes.vendorId, deviceName: pairingCodes.deviceName });
    if (!claim) throw new AppError('PAIRING_CODE_INVALID', INVALID_CODE);
    // the vendor row lock serialises register-code assignment between concurrent pairings
    const [vendor] = await tx.select().from(vendors).where(eq(vendors.id, claim.vendorId)).for('update');
    if (!vendor) throw new AppError('PAIRING_CODE_INVALID', INVALID_CODE);
    const taken = await tx.select({ code: devices.registerCode }).from(devices).where(eq(devices.vendorId, vendor.id));
    const [device] = await tx
      .insert(devices)
      .values({
        id: uuidv7(),
        vendorId: vendor.id,
        name: claim.deviceName,
        registerCode: nextRegisterCode(taken.map((t) => t.code)),
        tokenHash: hashToken(deviceToken),
        pairedAt: now,
      })
      .returning();
    if (!device) throw new AppError('INTERNAL', 'Could not pair the device. Please try again.');
    return { device: toDeviceProfile(device), vendor: toVendorProfile(vendor, now) };
  });
  await releaseRateLimit(db, ticket);
  return { deviceToken, ...result };
}

export async function listDevices(db: DbOrTx, vendorId: string): Promise<DeviceProfile[]> {
  const rows = await db.select().from(devices).where(eq(devices.vendorId, vendorId)).orderBy(asc(devices.pairedAt), asc(devices.id));
  return rows.map(toDeviceProfile);
}

/** A revoked device's token stops working at once. Revoking twice keeps the first revocation time. */
export async function revokeDevice(db: DbOrTx, vendorId: string, deviceId: string, now: Date = new Date()): Promise<DeviceProfile> {
  const row = await db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(devices)
      .where(and(eq(devices.id, deviceId), eq(devices.vendorId, vendorId)))
      .for('update');
    if (!current) throw new AppError('NOT_FOUND', 'We could not find that device.');
    if (current.revokedAt) return current;
    const [updated] = await tx.update(devices).set({ revokedAt: now }).where(eq(devices.id, deviceId)).returning();
    return updated ?? current;
  });
  return toDeviceProfile(row);
}

export async function getDeviceProfile(db: DbOrTx, deviceId: string): Promise<DeviceProfile> {
  const [row] = await db.select().from(devices).where(eq(devices.id, deviceId));
  if (!row) throw new AppError('NOT_FOUND', 'We could not find that device.');
  return toDeviceProfile(row);
}
