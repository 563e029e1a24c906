import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhookPayload, verifyWebhookSignature } from './signature.ts';

const secret = 'whsec_test-secret';
const body = '{"id":"evt-1","type":"consent.granted","createdAt":"2024-06-30T08:00:00.000Z","data":{"x":"济宁"}}';
const timestamp = 1_719_734_400;
const signature = signWebhookPayload({ secret, timestamp, body });

describe('webhook signatures', () => {
  it('is v1=hex(HMAC-SHA256(secret, "<timestamp>.<body>")), as the receiver documentation says', () => {
    const expected = createHmac('sha256', Buffer.from(secret, 'utf8'))
      .update(Buffer.from(`${timestamp}.${body}`, 'utf8'))
      .digest('hex');
    expect(signature).toBe(`v1=${expected}`);
    expect(signature).toMatch(/^v1=[0-9a-f]{64}$/);
  });

  it.each([
    ['the same instant', timestamp, { valid: true }],
    ['5 minutes later (the edge)', timestamp + 300, { valid: true }],
    ['5 minutes earlier (clock skew)', timestamp - 300, { valid: true }],
    ['5 minutes and 1 s later: a replay', timestamp + 301, { valid: false, reason: 'stale_timestamp' }],
    ['an hour earlier', timestamp - 3600, { valid: false, reason: 'stale_timestamp' }],
  ])('verifies against the receiver clock: %s', (_name, now, result) => {
    expect(verifyWebhookSignature({ secret, body, timestamp: String(timestamp), signature, now })).toEqual(result);
  });

  it.each([
    ['another body', { body: body.replace('济宁', '邹城') }, 'mismatch'],
    ['another secret', { secret: 'whsec_other' }, 'mismatch'],
    ['another timestamp with the old signature', { timestamp: String(timestamp + 1) }, 'mismatch'],
    ['no signature', { signature: undefined }, 'no_signature'],
    ['an unknown scheme', { signature: signature.replace('v1=', 'v0=') }, 'no_signature'],
    ['upper-case hex', { signature: signature.toUpperCase() }, 'no_signature'],
    ['no timestamp', { timestamp: undefined }, 'malformed_timestamp'],
    ['a timestamp in ms', { timestamp: `${timestamp}000x` }, 'malformed_timestamp'],
    ['a negative timestamp', { timestamp: '-1' }, 'malformed_timestamp'],
  ])('refuses %s', (_name, change, reason) => {
    expect(verifyWebhookSignature({ secret, body, timestamp: String(timestamp), signature, now: timestamp, ...change })).toEqual({ valid: false, reason });
  });

  it('accepts any of several v1 signatures (secret rotation)', () => {
    const other = signWebhookPayload({ secret: 'whsec_old', timestamp, body });
    expect(verifyWebhookSignature({ secret, body, timestamp: String(timestamp), signature: `${other}, ${signature}`, now: timestamp })).toEqual({ valid: true });
  });

  it('signs only whole unix seconds', () => {
    expect(() => signWebhookPayload({ secret, timestamp: 1.5, body })).toThrow(RangeError);
    expect(() => signWebhookPayload({ secret, timestamp: Date.now() * 1e6, body })).toThrow(RangeError);
  });
});
