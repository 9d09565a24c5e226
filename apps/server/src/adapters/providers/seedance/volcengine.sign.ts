/**
 * Volcengine OpenAPI request signing (the `HMAC-SHA256` scheme of Volcengine's SDKs): a canonical
 * request over method, path, sorted query, the signed headers and the body's SHA-256, signed with a
 * key derived from the secret access key by date, region, service and the word `request`.
 */
import { createHash, createHmac } from 'node:crypto';

export interface SignInput {
  method: string;
  url: URL;
  body: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  service: string;
  now: Date;
}

const hmac = (key: Buffer | string, text: string) => createHmac('sha256', key).update(text, 'utf8').digest();
const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
/** RFC 3986 encoding, as the canonical query needs it. */
const encode = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The headers that sign a request: Host, X-Date, X-Content-Sha256, Content-Type and Authorization. */
export function volcengineHeaders(input: SignInput): Record<string, string> {
  const xDate = input.now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const date = xDate.slice(0, 8);
  const bodyHash = sha256Hex(input.body);
  const headers: Record<string, string> = { 'content-type': 'application/json', host: input.url.host, 'x-content-sha256': bodyHash, 'x-date': xDate };
  const names = Object.keys(headers).sort();
  const query = [...input.url.searchParams.entries()]
    .sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1))
    .map(([k, v]) => `${encode(k)}=${encode(v)}`)
    .join('&');
  const canonical = [input.method.toUpperCase(), input.url.pathname || '/', query, names.map((n) => `${n}:${headers[n].trim()}\n`).join(''), names.join(';'), bodyHash].join('\n');
  const scope = `${date}/${input.region}/${input.service}/request`;
  const toSign = ['HMAC-SHA256', xDate, scope, sha256Hex(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(input.secretAccessKey, date), input.region), input.service), 'request');
  const signature = createHmac('sha256', key).update(toSign, 'utf8').digest('hex');
  return { ...headers, authorization: `HMAC-SHA256 Credential=${input.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}` };
}
