import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readWindowState, restoreWindow, saveWindowState, type Rect } from './window-state';

const laptop: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
const rightMonitor: Rect = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('window state: reopening where staff left it, always on a screen', () => {
  it('opens at 1280×800 centred on the primary display the first time', () => {
    expect(restoreWindow(null, [laptop])).toEqual({ bounds: { x: 320, y: 120, width: 1280, height: 800 }, maximized: false });
  });

  it('reopens exactly where it was when that place is still on a display', () => {
    const saved = { bounds: { x: 2000, y: 100, width: 1600, height: 1000 }, maximized: true };
    expect(restoreWindow(saved, [laptop, rightMonitor])).toEqual(saved);
  });

  it('comes back to the primary display when its monitor was unplugged', () => {
    const saved = { bounds: { x: 2000, y: 100, width: 1600, height: 1000 }, maximized: false };
    expect(restoreWindow(saved, [laptop])).toEqual({ bounds: { x: 160, y: 20, width: 1600, height: 1000 }, maximized: false });
  });

  it('pulls a half-off-screen window fully onto the display it mostly covers', () => {
    const saved = { bounds: { x: 1200, y: -200, width: 1280, height: 800 }, maximized: false };
    expect(restoreWindow(saved, [laptop, rightMonitor]).bounds).toEqual({ x: 640, y: 0, width: 1280, height: 800 });
  });

  it('shrinks a window bigger than its display, and never below the register’s minimum on a big one', () => {
    const huge = { bounds: { x: 0, y: 0, width: 4000, height: 3000 }, maximized: false };
    expect(restoreWindow(huge, [laptop]).bounds).toEqual(laptop);
    const tiny = { bounds: { x: 10, y: 10, width: 300, height: 200 }, maximized: false };
    expect(restoreWindow(tiny, [laptop]).bounds).toEqual({ x: 10, y: 10, width: 1024, height: 700 });
  });

  it('respects a display whose origin is not 0,0 (a monitor left of or above the primary)', () => {
    const left: Rect = { x: -1280, y: -200, width: 1280, height: 1024 };
    const saved = { bounds: { x: -1500, y: -300, width: 1100, height: 800 }, maximized: false };
    expect(restoreWindow(saved, [laptop, left]).bounds).toEqual({ x: -1280, y: -200, width: 1100, height: 800 });
  });
});

describe('window state file', () => {
  const dirs: string[] = [];
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), 'window-state-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('round-trips through the file (rounded to whole pixels)', () => {
    const file = join(tmp(), 'nested', 'window-state.json');
    saveWindowState(file, { bounds: { x: 10.4, y: 20, width: 1300.6, height: 800 }, maximized: true });
    expect(readWindowState(file)).toEqual({ bounds: { x: 10, y: 20, width: 1301, height: 800 }, maximized: true });
  });

  it('treats a missing, corrupt or wrong-shaped file as no saved state', () => {
    const dir = tmp();
    expect(readWindowState(join(dir, 'missing.json'))).toBeNull();
    writeFileSync(join(dir, 'corrupt.json'), '{"bounds": {"x": 1');
    expect(readWindowState(join(dir, 'corrupt.json'))).toBeNull();
    writeFileSync(join(dir, 'shape.json'), JSON.stringify({ bounds: { x: 0, y: 0, width: -5, height: 10 }, maximized: 'yes' }));
    expect(readWindowState(join(dir, 'shape.json'))).toBeNull();
  });
});
