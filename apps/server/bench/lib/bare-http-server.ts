import { createServer } from 'node:http';
import { failChild, serveChild } from './child-runtime';

/** The baseline: a bare node:http handler returning a constant JSON body, measured exactly like the app. */
const BODY = JSON.stringify({ result: { data: { items: [], nextCursor: null, total: 0 } } });

const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(BODY) });
  res.end(BODY);
});
server.on('error', failChild);
server.listen(0, '127.0.0.1', () => {
  const addr = server.address();
  serveChild(typeof addr === 'object' && addr ? addr.port : 0, () => new Promise<void>((r) => server.close(() => r())));
});
