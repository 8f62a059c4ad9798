import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, randomUUID, verify, type ECDH } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A push service standing in for Mozilla's or Google's at the network boundary (tests and the browser test): an
 * HTTP server on 127.0.0.1 that hands out subscriptions (a P-256 key pair and auth secret per device, as a
 * browser makes), accepts Web Push POSTs, checks the VAPID Authorization header (RFC 8292: an ES256 JWT signed by
 * the server's key, audience = this origin, not expired) and DECRYPTS the aes128gcm body (RFC 8291 + RFC 8188)
 * with the device's private key — so a test sees exactly what a browser would. It can be told to answer 410 (the
 * browser dropped the subscription) or 503 (the service is down for now). Not a test file itself.
 */

interface PushedMessage {
  deviceId: string;
  /** the decrypted payload */
  text: string;
  json: unknown;
  ttl: number;
  urgency: string;
  jwt: { aud: string; sub: string; exp: number };
}

export interface FakeDevice {
  id: string;
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } };
}

interface DeviceKeys {
  ecdh: ECDH;
  auth: Buffer;
}

export interface PushEndpointFake {
  origin: string;
  /** a new device's subscription, as `PushSubscription.toJSON()` gives it */
  device(): FakeDevice;
  /** what reached each device, decrypted, in order */
  received: PushedMessage[];
  /** requests refused (bad VAPID, bad encryption), with why: a correct sender leaves this empty */
  refused: string[];
  /** the next `times` pushes to this device (every device: `null`) answer `status` */
  answer(deviceId: string | null, status: number, times?: number): void;
  close(): Promise<void>;
}

const b64u = (b: Buffer) => b.toString('base64url');

function hkdf(ikm: Buffer, salt: Buffer, info: Buffer, length: number): Buffer {
  return Buffer.from(hkdfSync('sha256', ikm, salt, info, length));
}

/** RFC 8291 §3.4 + RFC 8188 §2: the aes128gcm body decrypted with the device's key pair and auth secret. */
export function decryptAes128gcm(body: Buffer, keys: DeviceKeys): string {
  if (body.length < 21) throw new Error('body shorter than the aes128gcm header');
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body.readUInt8(20);
  const senderKey = body.subarray(21, 21 + idlen);
  if (idlen !== 65 || rs < 18) throw new Error(`bad aes128gcm header (keyid ${String(idlen)} bytes, record size ${String(rs)})`);
  const uaPublic = keys.ecdh.getPublicKey();
  const ecdhSecret = keys.ecdh.computeSecret(senderKey);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), uaPublic, senderKey]);
  const ikm = hkdf(ecdhSecret, keys.auth, keyInfo, 32);
  const cek = hkdf(ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16);
  const nonce = hkdf(ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12);
  const records = body.subarray(21 + idlen);
  const plain: Buffer[] = [];
  for (let i = 0, seq = 0; i < records.length; i += rs, seq++) {
    const record = records.subarray(i, i + rs);
    const iv = Buffer.from(nonce);
    iv.writeUInt32BE((iv.readUInt32BE(8) ^ seq) >>> 0, 8);
    const decipher = createDecipheriv('aes-128-gcm', cek, iv);
    decipher.setAuthTag(record.subarray(record.length - 16));
    const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
    let end = padded.length - 1;
    while (end >= 0 && padded[end] === 0) end--;
    const last = i + rs >= records.length;
    if (padded[end] !== (last ? 2 : 1)) throw new Error('bad record padding delimiter');
    plain.push(padded.subarray(0, end));
  }
  return Buffer.concat(plain).toString('utf8');
}

/** RFC 8292: `vapid t=<jwt>, k=<key>`, an ES256 JWT by that key for this origin. Returns the claims or why not. */
function checkVapid(header: string | undefined, origin: string, expectedKey: string | undefined): { claims: PushedMessage['jwt'] } | { error: string } {
  const m = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(header ?? '');
  if (!m?.[1] || !m[2]) return { error: `no VAPID authorization: ${header ?? '(none)'}` };
  const [jwt, k] = [m[1], m[2]];
  if (expectedKey !== undefined && k !== expectedKey) return { error: 'signed with another application server key' };
  const [h, p, s] = jwt.split('.') as [string, string, string];
  const point = Buffer.from(k, 'base64url');
  if (point.length !== 65) return { error: 'k is not a P-256 public key' };
  const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: b64u(point.subarray(1, 33)), y: b64u(point.subarray(33)) }, format: 'jwk' });
  const header_ = JSON.parse(Buffer.from(h, 'base64url').toString()) as { alg?: string };
  if (header_.alg !== 'ES256') return { error: `JWT alg ${String(header_.alg)}` };
  if (!verify('sha256', Buffer.from(`${h}.${p}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(s, 'base64url'))) return { error: 'bad JWT signature' };
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as PushedMessage['jwt'];
  const now = Date.now() / 1000;
  if (claims.aud !== origin) return { error: `audience ${claims.aud} is not ${origin}` };
  if (!(claims.exp > now && claims.exp <= now + 24 * 3600 + 60)) return { error: 'expired or more than 24 hours ahead' };
  if (!/^(mailto:|https:)/.test(claims.sub)) return { error: `subject ${claims.sub}` };
  return { claims };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Starts the fake; `vapidPublicKey` (the server's) makes a push signed by any other key a 403. */
export async function startPushEndpointFake(opts: { vapidPublicKey?: string } = {}): Promise<PushEndpointFake> {
  const devices = new Map<string, DeviceKeys>();
  const received: PushedMessage[] = [];
  const refused: string[] = [];
  const answers: { deviceId: string | null; status: number; left: number }[] = [];
  let origin = '';

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const id = /^\/push\/([\w-]+)$/.exec(req.url ?? '')?.[1];
    const keys = id ? devices.get(id) : undefined;
    const body = await readBody(req);
    if (req.method !== 'POST' || !id || !keys) return void res.writeHead(404).end();
    const vapid = checkVapid(req.headers.authorization, origin, opts.vapidPublicKey);
    if ('error' in vapid) {
      refused.push(vapid.error);
      return void res.writeHead(403).end(vapid.error);
    }
    const planned = answers.find((a) => a.left > 0 && (a.deviceId === null || a.deviceId === id));
    if (planned) {
      planned.left--;
      if (planned.status === 410) devices.delete(id);
      return void res.writeHead(planned.status).end();
    }
    if (req.headers['content-encoding'] !== 'aes128gcm') {
      refused.push(`content-encoding ${String(req.headers['content-encoding'])}`);
      return void res.writeHead(415).end();
    }
    let text: string;
    try {
      text = decryptAes128gcm(body, keys);
    } catch (err) {
      refused.push(`cannot decrypt: ${err instanceof Error ? err.message : String(err)}`);
      return void res.writeHead(400).end();
    }
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    received.push({ deviceId: id, text, json, ttl: Number(req.headers.ttl), urgency: String(req.headers.urgency ?? ''), jwt: vapid.claims });
    res.writeHead(201, { location: `${origin}/message/${randomUUID()}` }).end();
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      refused.push(String(err));
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;

  return {
    origin,
    received,
    refused,
    device() {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const id = randomUUID();
      const auth = randomBytes(16);
      devices.set(id, { ecdh, auth });
      return { id, subscription: { endpoint: `${origin}/push/${id}`, keys: { p256dh: b64u(ecdh.getPublicKey()), auth: b64u(auth) } } };
    },
    answer(deviceId, status, times = 1) {
      answers.push({ deviceId, status, left: times });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
