import { describe, expect, it } from 'vitest';
import type { MakeriesBridge } from '../../ipc/bridge';
import { pickLinks } from './links';

describe('choosing how the UI reaches the counter', () => {
  it('uses HTTP + SSE on the page’s own origin in a browser', () => {
    const picked = pickLinks({ host: {}, origin: 'http://127.0.0.1:4319' });
    expect(picked.kind).toBe('http');
    expect(picked.links).toHaveLength(1);
  });

  it('uses the IPC bridge when the Electron preload exposed one', () => {
    const transport: MakeriesBridge['trpc'] = { request: () => Promise.reject(new Error('unused')), subscribe: () => () => {} };
    const picked = pickLinks({ host: { makeries: { trpc: transport } as MakeriesBridge }, origin: 'file://' });
    expect(picked.kind).toBe('ipc');
  });
});
