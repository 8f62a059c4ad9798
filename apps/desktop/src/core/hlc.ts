/**
 * Hybrid logical clock (Kulkarni et al.): physical milliseconds plus a counter. Each tick is strictly
 * greater than the last even when the wall clock stands still or steps back (NTP correction, a wrong BIOS
 * clock), so outbox rows carry a time that orders them as they happened on this device. Display and
 * tie-breaks only: the server orders nothing by device clocks (DESIGN §4).
 */
export interface Hlc {
  ms: number;
  counter: number;
  node: string;
}

const MS_DIGITS = 15;
const COUNTER_DIGITS = 6;
const HLC_RE = /^(\d{15})-(\d{6,})-([0-9a-z]{1,40})$/;

export function tickHlc(last: Hlc | null, nowMs: number, node: string): Hlc {
  const wall = Math.floor(nowMs);
  if (!last || wall > last.ms) return { ms: wall, counter: 0, node };
  return { ms: last.ms, counter: last.counter + 1, node };
}

/** Merges a clock seen from elsewhere (e.g. the server's time), so later local ticks sort after it. */
export function receiveHlc(last: Hlc | null, remote: Hlc, nowMs: number, node: string): Hlc {
  const wall = Math.floor(nowMs);
  const lastMs = last?.ms ?? -1;
  const ms = Math.max(lastMs, remote.ms, wall);
  if (ms === lastMs && ms === remote.ms) return { ms, counter: Math.max(last?.counter ?? 0, remote.counter) + 1, node };
  if (ms === lastMs) return { ms, counter: (last?.counter ?? 0) + 1, node };
  if (ms === remote.ms) return { ms, counter: remote.counter + 1, node };
  return { ms, counter: 0, node };
}

/** `000001715000000000-000000-node`: fixed-width, so strings sort like the clocks they encode. */
export function formatHlc(h: Hlc): string {
  return `${String(h.ms).padStart(MS_DIGITS, '0')}-${String(h.counter).padStart(COUNTER_DIGITS, '0')}-${h.node}`;
}

export function parseHlc(s: string | null | undefined): Hlc | null {
  const m = s ? HLC_RE.exec(s) : null;
  if (!m?.[1] || !m[2] || !m[3]) return null;
  return { ms: Number(m[1]), counter: Number(m[2]), node: m[3] };
}

export function compareHlc(a: Hlc, b: Hlc): number {
  if (a.ms !== b.ms) return a.ms < b.ms ? -1 : 1;
  if (a.counter !== b.counter) return a.counter < b.counter ? -1 : 1;
  return a.node < b.node ? -1 : a.node > b.node ? 1 : 0;
}

/** A short node id from a device UUID: its random tail (the head of a UUIDv7 is a timestamp). */
export function hlcNode(deviceId: string): string {
  return deviceId.replace(/-/g, '').slice(-12).toLowerCase();
}
