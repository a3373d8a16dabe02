// Request ids in UUID form (as AWS's x-amzn-RequestId), time-ordered like UUIDv7: 48 bits of
// milliseconds, then random bits. Ordered ids keep the decision log's request index append-only.
import { randomBytesPooled } from '../shared/ids.js';

export function requestId(nowMs: number): string {
  const b = randomBytesPooled(16);
  b.writeUIntBE(nowMs, 0, 6);
  b[6] = (b[6] & 0x0f) | 0x70;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
