export interface SseEvent {
  event: string;
  data: string;
}

/**
 * A Server-Sent Events parser (the WHATWG event-stream format): feed it decoded text in whatever chunks the
 * network delivers; it calls `onEvent` once per complete event and `onRetry` with the server's requested
 * reconnection delay. Comments (keep-alives) are skipped.
 */
export function createSseParser(onEvent: (e: SseEvent) => void, onRetry: (ms: number) => void = () => {}): (chunk: string) => void {
  let buf = '';
  let event = '';
  let data: string[] = [];
  const line = (text: string): void => {
    if (text === '') {
      if (event || data.length > 0) onEvent({ event: event || 'message', data: data.join('\n') });
      event = '';
      data = [];
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'retry' && /^\d+$/.test(value)) onRetry(Number(value));
  };
  return (chunk) => {
    buf += chunk;
    for (;;) {
      const at = buf.search(/[\r\n]/);
      if (at < 0) return;
      // a trailing CR may be the first half of CRLF: wait for the next chunk to tell
      if (buf[at] === '\r' && at === buf.length - 1) return;
      const width = buf[at] === '\r' && buf[at + 1] === '\n' ? 2 : 1;
      const text = buf.slice(0, at);
      buf = buf.slice(at + width);
      line(text);
    }
  };
}
