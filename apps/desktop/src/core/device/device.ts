import { eq, sql } from 'drizzle-orm';
import { AppError } from '@makeries/shared';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { writeTx, type CounterDb } from '../db/open';
import { preparedFor } from '../db/prepared';
import { counterSettings, device, outbox } from '../db/schema/index';
import { readSettings, type CounterSettings } from './settings';
import { isManager, requireStaff } from '../staff/auth';
import { conflict, parseInput } from '../errors';
import { counterSettingsInput, devicePairInput, type CounterSettingsInput, type DevicePairInput } from '../schemas/device';

export { type CounterSettings } from './settings';

export type DeviceRow = typeof device.$inferSelect;

export interface PairedDevice {
  deviceId: string;
  vendorId: string;
  registerCode: string;
}

const queries = preparedFor((db) => ({
  device: db.select().from(device).where(eq(device.slot, 1)).prepare(),
}));

export function readDevice(db: CounterDb): DeviceRow {
  const row = queries(db).device.get();
  if (!row) throw new AppError('INTERNAL', 'The counter database is missing its device row.');
  return row;
}

/** Selling needs a paired device: receipt numbers and outbox rows are per device and register. */
export function requirePaired(db: CounterDb): PairedDevice {
  const d = readDevice(db);
  if (!d.deviceId || !d.vendorId || !d.registerCode) {
    throw new AppError('CONFLICT', 'This counter is not paired with a shop yet. Pair it from the settings screen.');
  }
  return { deviceId: d.deviceId, vendorId: d.vendorId, registerCode: d.registerCode };
}

function pendingCount(db: CounterDb): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(outbox)
    .where(eq(outbox.status, 'pending'))
    .get();
  return row?.n ?? 0;
}

export function createDeviceModule(ctx: CoreContext) {
  return {
    get: (): DeviceRow => readDevice(ctx.db),

    /**
     * Records the pairing. Re-pairing as another device is refused while this one still has unsynced
     * mutations: they belong to the old device id's sequence and would otherwise never reach the server.
     */
    pair(input: DevicePairInput): DeviceRow {
      const p = parseInput(devicePairInput, input);
      return writeTx(ctx.db, () => {
        const cur = readDevice(ctx.db);
        if (cur.deviceId && cur.deviceId !== p.deviceId && pendingCount(ctx.db) > 0) {
          throw conflict('This counter still has sales the server has not received. Sync before pairing it again.');
        }
        const sameDevice = cur.deviceId === p.deviceId;
        ctx.db.update(device)
          .set({
            deviceId: p.deviceId,
            vendorId: p.vendorId,
            registerCode: p.registerCode,
            name: p.name,
            pairedAt: nowIso(ctx),
            // a different device starts a fresh feed; the same one keeps its cursor
            ...(sameDevice ? {} : { cursor: '0', epoch: null, serverLastMutationId: 0 }),
          })
          .where(eq(device.slot, 1))
          .run();
        return readDevice(ctx.db);
      });
    },

    /** Forgets the pairing (never the outbox). Refused while mutations are unsynced (DESIGN §4). */
    unpair(): void {
      writeTx(ctx.db, () => {
        const pending = pendingCount(ctx.db);
        if (pending > 0) {
          throw conflict(`${pending} change(s) have not reached the server yet. Connect and sync before unpairing.`, {
            pending,
          });
        }
        ctx.db.update(device)
          .set({ deviceId: null, vendorId: null, registerCode: null, pairedAt: null, cursor: '0', epoch: null })
          .where(eq(device.slot, 1))
          .run();
      });
    },

    settings: (): CounterSettings => readSettings(ctx.db),

    /** Limits that guard cash, discounts and sign-in, so only a signed-in manager or owner may change them. */
    updateSettings(input: CounterSettingsInput): CounterSettings {
      const p = parseInput(counterSettingsInput, input);
      const me = requireStaff(ctx);
      if (!isManager(me.role)) throw new AppError('FORBIDDEN', 'Only a manager or the owner can change counter settings.');
      ctx.db.update(counterSettings).set(p).where(eq(counterSettings.slot, 1)).run();
      return readSettings(ctx.db);
    },
  };
}
