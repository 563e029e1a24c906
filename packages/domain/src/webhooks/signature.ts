/**
 * Webhook signatures. Every delivery carries
 *
 *   X-CFP-Timestamp: <unix seconds when this attempt was sent>
 *   X-CFP-Signature: v1=<lowercase hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>
 *
 * where `secret` is the endpoint's signing secret exactly as shown once at registration
 * (`whsec_…`), used as UTF-8 bytes, and `<raw body>` is the request body byte for byte (verify
 * before parsing JSON: re-serialising changes the bytes). A receiver verifies like this:
 *
 *   1. Read the raw body, X-CFP-Timestamp and X-CFP-Signature.
 *   2. Refuse when the timestamp is not an integer or differs from your clock by more than
 *      5 minutes (300 s): that stops replays of a captured request.
 *   3. Compute HMAC-SHA256(secret, timestamp + "." + rawBody) as hex and compare it in constant
 *      time with each `v1=` value of the header (several may appear, comma-separated, in future).
 *   4. Deliveries are at least once: deduplicate by X-CFP-Event-Id.
 *
 * In Node.js: `verifyWebhookSignature({ secret, body, timestamp, signature, now: Math.floor(Date.now() / 1000) })`.
 * Each attempt is signed afresh with its own timestamp; the body stays the same.
 *
 * @example
 * const signature = signWebhookPayload({ secret: 'whsec_x', timestamp: 1719734400, body: '{"id":"e1"}' });
 * verifyWebhookSignature({ secret: 'whsec_x', body: '{"id":"e1"}', timestamp: '1719734400', signature, now: 1719734460 }) // { valid: true }
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a timestamp may be from the receiver's clock, in seconds (either way). */
export const webhookSignatureToleranceSeconds = 300;

export type SignatureCheck = { valid: true } | { valid: false; reason: 'malformed_timestamp' | 'stale_timestamp' | 'no_signature' | 'mismatch' };

const hmacHex = (secret: string, timestamp: string, body: string): string => createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');

/** The X-CFP-Signature header value for one attempt; `timestamp` in unix seconds. */
export function signWebhookPayload(options: { secret: string; timestamp: number; body: string }): string {
  if (!Number.isSafeInteger(options.timestamp) || options.timestamp < 0) throw new RangeError('timestamp must be whole unix seconds');
  return `v1=${hmacHex(options.secret, String(options.timestamp), options.body)}`;
}

/**
 * Checks a delivery as a receiver would. `timestamp` and `signature` are the header values as
 * received; `now` is the receiver's clock in unix seconds.
 */
export function verifyWebhookSignature(options: {
  secret: string;
  body: string;
  timestamp: string | undefined;
  signature: string | undefined;
  now: number;
  toleranceSeconds?: number;
}): SignatureCheck {
  const timestamp = options.timestamp ?? '';
  if (!/^\d{1,12}$/.test(timestamp)) return { valid: false, reason: 'malformed_timestamp' };
  if (Math.abs(options.now - Number(timestamp)) > (options.toleranceSeconds ?? webhookSignatureToleranceSeconds)) return { valid: false, reason: 'stale_timestamp' };
  const candidates = (options.signature ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => /^v1=[0-9a-f]{64}$/.test(s))
    .map((s) => Buffer.from(s.slice(3), 'hex'));
  if (candidates.length === 0) return { valid: false, reason: 'no_signature' };
  const expected = Buffer.from(hmacHex(options.secret, timestamp, options.body), 'hex');
  // Every candidate is compared (no early exit), each in constant time.
  const matched = candidates.reduce((found, c) => timingSafeEqual(c, expected) || found, false);
  return matched ? { valid: true } : { valid: false, reason: 'mismatch' };
}
