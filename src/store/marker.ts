// Pagination markers: opaque to clients, as AWS's are; they carry the last key a page returned.
export const encodeMarker = (key: string) => Buffer.from(key, 'utf8').toString('base64url');

export function decodeMarker(marker: string): string {
  return Buffer.from(marker, 'base64url').toString('utf8');
}
