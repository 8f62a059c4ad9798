import { describe, expect, it } from 'vitest';
import { createSseParser, type SseEvent } from './sse';

function parseAll(chunks: string[]): SseEvent[] {
  const events: SseEvent[] = [];
  const feed = createSseParser((e) => events.push(e));
  for (const c of chunks) feed(c);
  return events;
}

describe('createSseParser', () => {
  it('reads the poke stream the server sends, skipping keep-alive comments', () => {
    const stream = 'retry: 5000\n: connected\n\nevent: poke\ndata: {}\n\n: keep-alive\n\nevent: poke\ndata: {}\n\n';
    expect(parseAll([stream])).toEqual([
      { event: 'poke', data: '{}' },
      { event: 'poke', data: '{}' },
    ]);
  });

  it("reports the server's reconnection delay and ignores a malformed one", () => {
    const retries: number[] = [];
    const feed = createSseParser(() => {}, (ms) => retries.push(ms));
    feed('retry: 5000\n\nretry: soon\n\nretry: 250\n\n');
    expect(retries).toEqual([5000, 250]);
  });

  it('puts events split across network chunks back together, CRLF included', () => {
    const events = parseAll(['ev', 'ent: poke\r', '\ndata: {"a"', ':1}\r\n', '\r\n', 'data: x\ndata: y\n', '\n']);
    expect(events).toEqual([
      { event: 'poke', data: '{"a":1}' },
      { event: 'message', data: 'x\ny' },
    ]);
  });

  it('holds an event back until its blank line arrives', () => {
    expect(parseAll(['event: poke\ndata: {}\n'])).toEqual([]);
  });
});
