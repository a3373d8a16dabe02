// The rows of an import file as endpoint writes: Pinpoint's CSV (a header row of dot-notation
// names, then one endpoint per row) and newline-delimited JSON (one EndpointRequest with its Id per
// line). Amazon Pinpoint User Guide, "Importing segments" → "Preparing files": the CSV headers
// are ChannelType, Address, Id, EffectiveDate, EndpointStatus, OptOut, RequestId, the fields of
// Location.*, Demographic.*, User.UserId, and the custom attributes User.UserAttributes.<name>,
// Attributes.<name> and Metrics.<name>. An attribute given several values repeats its column.
// A row that cannot be read is a failure of that row, never of the job.
import { createHash } from 'node:crypto';
import type { EndpointRequest } from '../../../generated/pinpoint/shapes.js';
import type { EndpointWrite } from '../endpoints/model.js';

export class RowProblem extends Error {}

const TOP = new Set(['ChannelType', 'Address', 'Id', 'EffectiveDate', 'EndpointStatus', 'OptOut', 'RequestId']);
const LOCATION = new Set(['City', 'Country', 'Latitude', 'Longitude', 'PostalCode', 'Region']);
const DEMOGRAPHIC = new Set(['AppVersion', 'Locale', 'Make', 'Model', 'ModelVersion', 'Platform', 'PlatformVersion', 'Timezone']);

type Column =
  | { kind: 'top'; name: string }
  | { kind: 'location' | 'demographic'; name: string }
  | { kind: 'userId' }
  | { kind: 'userAttribute' | 'attribute' | 'metric'; name: string };

/** A CSV header row as columns; the first header Pinpoint does not know is the problem of every row. */
export function csvColumns(header: readonly string[]): Column[] | RowProblem {
  const out: Column[] = [];
  for (const raw of header) {
    const h = raw.trim();
    const dot = h.indexOf('.');
    const head = dot < 0 ? h : h.slice(0, dot);
    const rest = dot < 0 ? '' : h.slice(dot + 1);
    if (dot < 0 && TOP.has(h)) out.push({ kind: 'top', name: h });
    else if (head === 'Location' && LOCATION.has(rest)) out.push({ kind: 'location', name: rest });
    else if (head === 'Demographic' && DEMOGRAPHIC.has(rest)) out.push({ kind: 'demographic', name: rest });
    else if (h === 'User.UserId') out.push({ kind: 'userId' });
    else if (h.startsWith('User.UserAttributes.') && h.length > 'User.UserAttributes.'.length) out.push({ kind: 'userAttribute', name: h.slice('User.UserAttributes.'.length) });
    else if (head === 'Attributes' && rest) out.push({ kind: 'attribute', name: rest });
    else if (head === 'Metrics' && rest) out.push({ kind: 'metric', name: rest });
    else return new RowProblem(`Unrecognized column header: ${h.slice(0, 100)}`);
  }
  return out;
}

/** An id for a row that names none, the same each time the row is read (a resumed piece writes the same endpoint). */
export const rowId = (jobId: string, file: string, offset: number) =>
  createHash('sha256').update(`${jobId}\0${file}\0${offset}`).digest('hex').slice(0, 32);

const number = (what: string, v: string): number => {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) throw new RowProblem(`Invalid ${what} value: ${v.slice(0, 100)}`);
  return n;
};

/** One CSV row under its columns. */
/** `fallbackId` is asked only for a row that names no Id. */
export function csvRow(columns: readonly Column[], cells: readonly string[], fallbackId: () => string): EndpointWrite {
  if (cells.length > columns.length) throw new RowProblem(`Row has ${cells.length} fields but the header has ${columns.length}`);
  const r: EndpointRequest = {};
  let id: string | undefined;
  const push = (m: Record<string, string[]>, k: string, v: string) => (m[k] ??= []).push(v);
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i];
    if (v === '') continue;
    const c = columns[i];
    switch (c.kind) {
      case 'top':
        if (c.name === 'Id') id = v;
        else (r as Record<string, unknown>)[c.name] = v;
        break;
      case 'location':
        r.Location ??= {};
        (r.Location as Record<string, unknown>)[c.name] = c.name === 'Latitude' || c.name === 'Longitude' ? number(`Location.${c.name}`, v) : v;
        break;
      case 'demographic':
        r.Demographic ??= {};
        (r.Demographic as Record<string, unknown>)[c.name] = v;
        break;
      case 'userId':
        r.User = { ...r.User, UserId: v };
        break;
      case 'userAttribute':
        r.User = { ...r.User, UserAttributes: r.User?.UserAttributes ?? {} };
        push(r.User.UserAttributes!, c.name, v);
        break;
      case 'attribute':
        push((r.Attributes ??= {}), c.name, v);
        break;
      case 'metric':
        (r.Metrics ??= {})[c.name] = number(`Metrics.${c.name}`, v);
        break;
    }
  }
  return { id: id ?? fallbackId(), request: r };
}

/** One line of newline-delimited JSON. */
/** `fallbackId` is asked only for a line that names no Id. */
export function jsonRow(line: string, fallbackId: () => string): EndpointWrite {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    throw new RowProblem('Invalid JSON');
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new RowProblem('Each line must be a JSON object');
  const { Id, ...request } = v as Record<string, unknown>;
  if (Id !== undefined && typeof Id !== 'string') throw new RowProblem('Id must be a string');
  if (request.Metrics !== undefined && request.Metrics !== null && typeof request.Metrics === 'object') {
    for (const [k, m] of Object.entries(request.Metrics as Record<string, unknown>)) {
      if (typeof m !== 'number' || !Number.isFinite(m)) throw new RowProblem(`Invalid Metrics.${k} value: ${String(m).slice(0, 100)}`);
    }
  }
  return { id: (Id as string | undefined) ?? fallbackId(), request: request as EndpointRequest };
}
