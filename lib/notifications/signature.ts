import { createHmac, timingSafeEqual } from "node:crypto";

// Webhook signatures: HMAC-SHA256 over "<timestamp>.<body>" with the webhook's secret, sent as
// `X-TRB-Signature: sha256=<hex>` beside `X-TRB-Timestamp: <unix seconds>`. Signing the timestamp
// lets a receiver refuse replays of an old call; README.md shows how to verify.

export const SIGNATURE_HEADER = "x-trb-signature";
export const TIMESTAMP_HEADER = "x-trb-timestamp";

export function signPayload(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/**
 * What a receiver does: recompute the signature over the raw body and compare in constant time;
 * refuse a timestamp further than `toleranceSeconds` from its own clock.
 */
export function verifySignature(opts: {
  secret: string;
  body: string;
  signature: string | null | undefined;
  timestamp: string | null | undefined;
  toleranceSeconds?: number;
  nowSeconds?: number;
}): boolean {
  const ts = Number(opts.timestamp);
  if (!opts.signature || !Number.isInteger(ts)) return false;
  const nowSeconds = opts.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(nowSeconds - ts) > (opts.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signPayload(opts.secret, ts, opts.body));
  const given = Buffer.from(opts.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
