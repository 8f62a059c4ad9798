import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

/** No `electron` import: the clamping is tested under Node; main passes the displays' work areas in. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

/** The register is designed for 1280×800 and up; below 1024×700 the cart and keypad stop fitting side by side. */
export const MIN_SIZE = { width: 1024, height: 700 } as const;
const DEFAULT_SIZE = { width: 1280, height: 800 } as const;

const stateSchema = z.object({
  bounds: z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int().positive(), height: z.number().int().positive() }),
  maximized: z.boolean(),
});

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), Math.max(lo, hi));

function centred(size: { width: number; height: number }, area: Rect): Rect {
  const width = Math.min(size.width, area.width);
  const height = Math.min(size.height, area.height);
  return { x: area.x + Math.round((area.width - width) / 2), y: area.y + Math.round((area.height - height) / 2), width, height };
}

/**
 * Where the window opens: the saved place, moved and shrunk to lie wholly on the display it mostly covered.
 * A window saved on a monitor that is no longer plugged in opens centred on the primary display instead.
 * `workAreas` are the displays' work areas (without task bar / menu bar), the primary one first.
 */
export function restoreWindow(saved: WindowState | null, workAreas: readonly Rect[]): WindowState {
  const primary = workAreas[0];
  if (!primary) return { bounds: { x: 0, y: 0, ...DEFAULT_SIZE }, maximized: saved?.maximized ?? false };
  if (!saved) return { bounds: centred(DEFAULT_SIZE, primary), maximized: false };

  let target: Rect | null = null;
  let best = 0;
  for (const area of workAreas) {
    const o = overlap(saved.bounds, area);
    if (o > best) {
      best = o;
      target = area;
    }
  }
  const wanted = { width: Math.max(saved.bounds.width, MIN_SIZE.width), height: Math.max(saved.bounds.height, MIN_SIZE.height) };
  if (!target) return { bounds: centred(wanted, primary), maximized: saved.maximized };

  const width = Math.min(wanted.width, target.width);
  const height = Math.min(wanted.height, target.height);
  return {
    bounds: {
      x: clamp(saved.bounds.x, target.x, target.x + target.width - width),
      y: clamp(saved.bounds.y, target.y, target.y + target.height - height),
      width,
      height,
    },
    maximized: saved.maximized,
  };
}

/** The saved state, or null when there is none or it is unreadable (then the window opens at the default size). */
export function readWindowState(file: string): WindowState | null {
  try {
    const parsed = stateSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Written to a temp file and renamed, so a crash mid-write never leaves half a file behind. */
export function saveWindowState(file: string, state: WindowState): void {
  const clean: WindowState = {
    bounds: {
      x: Math.round(state.bounds.x),
      y: Math.round(state.bounds.y),
      width: Math.round(state.bounds.width),
      height: Math.round(state.bounds.height),
    },
    maximized: state.maximized,
  };
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(clean));
  renameSync(tmp, file);
}
