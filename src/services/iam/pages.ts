// IAM's pagination: Marker and MaxItems in, IsTruncated and Marker out.
import type { Page } from '../../store/types.js';
import { limits } from './limits.js';

export const maxItems = (n: number | undefined) => n ?? limits.defaultMaxItems;

export function pageFields<T>(page: Page<T>): { IsTruncated: boolean; Marker?: string } {
  return page.marker ? { IsTruncated: true, Marker: page.marker } : { IsTruncated: false };
}

/** Pages an in-memory, already ordered list with an index marker. */
export function pageList<T>(items: T[], marker: string | undefined, max: number | undefined): { items: T[]; IsTruncated: boolean; Marker?: string } {
  const start = marker ? Number(Buffer.from(marker, 'base64url').toString()) || 0 : 0;
  const size = maxItems(max);
  const slice = items.slice(start, start + size);
  if (start + size < items.length) return { items: slice, IsTruncated: true, Marker: Buffer.from(String(start + size)).toString('base64url') };
  return { items: slice, IsTruncated: false };
}
