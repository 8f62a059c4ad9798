/** Longest run of bytes kept while waiting for a suffix; line noise or a wrong suffix setting must not grow memory. */
const MAX_PENDING = 512;

// control characters around a code (a stray LF when the scanner sends CR LF but the suffix is CR, NUL padding)
// eslint-disable-next-line no-control-regex -- a scanner's prefix/suffix control characters are what this strips
const EDGE_CONTROLS = /^[\x00-\x1f\x7f]+|[\x00-\x1f\x7f]+$/g;

export interface CodeSplitter {
  /** feeds bytes as they arrive; returns the codes completed by them, prefix stripped */
  push(chunk: Buffer | string): string[];
  /** forgets a half-received code (the port was reopened) */
  reset(): void;
}

/**
 * Splits a serial scanner's byte stream into codes: each code ends with `suffix` and may start with `prefix`.
 * Scanners send ASCII, so bytes are read as latin1 (one byte, one character) and a code split across reads is
 * joined again.
 */
export function createCodeSplitter(opts: { prefix: string; suffix: string }): CodeSplitter {
  if (opts.suffix === '') throw new Error('A serial scanner needs a suffix to know where a code ends.');
  let pending = '';
  return {
    push(chunk) {
      pending += typeof chunk === 'string' ? chunk : chunk.toString('latin1');
      const codes: string[] = [];
      for (let end = pending.indexOf(opts.suffix); end !== -1; end = pending.indexOf(opts.suffix)) {
        let code = pending.slice(0, end);
        pending = pending.slice(end + opts.suffix.length);
        // line breaks left over from the previous code come before the prefix, which may itself be a control character
        code = code.replace(/^[\r\n]+/, '');
        if (opts.prefix && code.startsWith(opts.prefix)) code = code.slice(opts.prefix.length);
        code = code.replace(EDGE_CONTROLS, '');
        if (code !== '') codes.push(code);
      }
      if (pending.length > MAX_PENDING) pending = '';
      return codes;
    },
    reset() {
      pending = '';
    },
  };
}
