// What the Service Authorization Reference says about each action, resource type and condition key
// (service-reference-details.json, written by scripts/import-service-reference.ts beside the names
// file): the ARN formats an action takes, whether it supports aws:ResourceTag, and the condition
// keys with their types. Decoded per service the first time it is asked for.
import data from './service-reference-details.json' with { type: 'json' };
import { decodeActionDetails, type ServiceDetailsFile } from './service-reference-format.js';
import { serviceActions } from './services.js';

const file = data as ServiceDetailsFile;

/** One action as the reference describes it: the ARN formats of its resource types (none: Resource "*" only). */
export interface ActionInfo {
  readonly prefix: string;
  readonly name: string;
  readonly arnFormats: readonly string[];
  readonly resourceTag: boolean;
}

const decoded = new Map<string, Map<string, ActionInfo>>();

/** A resource type's ARN formats: the reference writes a few types as two formats joined by ", ". */
function formatsOf(written: string): string[] {
  return written.split(/,\s*(?=arn:)/);
}

function actionsOf(prefix: string): Map<string, ActionInfo> | undefined {
  const p = prefix.toLowerCase();
  let map = decoded.get(p);
  if (map) return map;
  const service = Object.hasOwn(file.services, p) ? file.services[p]! : undefined;
  const names = serviceActions(p)?.names;
  if (!service || !names) return undefined;
  const details = decodeActionDetails(service.actions);
  map = new Map();
  names.forEach((name, i) => {
    const d = details[i];
    if (d) map!.set(name.toLowerCase(), { prefix: p, name, arnFormats: d.resources.flatMap((r) => formatsOf(service.resources[r]!)), resourceTag: d.resourceTag });
  });
  decoded.set(p, map);
  return map;
}

/** The action named exactly (any case), or undefined when the reference does not list it. */
export function actionInfo(prefix: string, name: string): ActionInfo | undefined {
  return actionsOf(prefix)?.get(name.toLowerCase());
}

/** Every action of the service whose name matches `test` (a compiled name pattern, lower-case input). */
export function actionsWhere(prefix: string, test: (lowerName: string) => boolean): ActionInfo[] {
  const map = actionsOf(prefix);
  if (!map) return [];
  const out: ActionInfo[] = [];
  for (const [lower, info] of map) if (test(lower)) out.push(info);
  return out;
}

/** The ARN formats of every resource type whose ARN names `arnService` (`s3`, `execute-api`…). */
let byArnService: Map<string, string[]> | undefined;
export function arnFormatsForService(arnService: string): readonly string[] | undefined {
  if (!byArnService) {
    byArnService = new Map();
    for (const service of Object.values(file.services)) {
      for (const format of service.resources.flatMap(formatsOf)) {
        const name = format.split(':')[2];
        if (!name || name.includes('$')) continue;
        let list = byArnService.get(name);
        if (!list) byArnService.set(name, (list = []));
        if (!list.includes(format)) list.push(format);
      }
    }
  }
  return byArnService.get(arnService);
}

/** A condition key as the reference defines it: its type, or why it is not known. */
export type ConditionKeyLookup =
  | { readonly known: true; readonly type: string }
  | { readonly known: false; readonly reason: 'global' | 'service' | 'unknown-service'; readonly prefix: string };

interface KeyTable {
  readonly exact: Map<string, string>;
  readonly patterns: { readonly pattern: RegExp; readonly type: string }[];
}
let keyTables: Map<string, KeyTable> | undefined;

/** `${TagKey}`, `<key>` and `tag-key` stand for any text in a key's name. */
const PLACEHOLDER = /\$\{[^}]*\}|<[^>]*>|tag-key/g;

function addKey(tables: Map<string, KeyTable>, key: string, type: string): void {
  const colon = key.indexOf(':');
  if (colon < 0) return;
  const prefix = key.slice(0, colon).toLowerCase();
  let table = tables.get(prefix);
  if (!table) tables.set(prefix, (table = { exact: new Map(), patterns: [] }));
  PLACEHOLDER.lastIndex = 0;
  if (!PLACEHOLDER.test(key)) {
    if (!table.exact.has(key.toLowerCase())) table.exact.set(key.toLowerCase(), type);
    return;
  }
  const parts = key.toLowerCase().split(PLACEHOLDER).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  table.patterns.push({ pattern: new RegExp(`^${parts.join('.+')}$`), type });
}

function tables(): Map<string, KeyTable> {
  if (keyTables) return keyTables;
  keyTables = new Map();
  for (const [key, type] of Object.entries(file.globalConditionKeys)) addKey(keyTables, key, type);
  for (const service of Object.values(file.services)) for (const [key, type] of Object.entries(service.conditionKeys)) addKey(keyTables, key, type);
  return keyTables;
}

/**
 * Looks a condition key up (any case). Keys whose prefix is a web identity provider or a URL
 * (`token.actions.githubusercontent.com:sub`, `accounts.google.com:aud`) that the reference does not
 * list are the provider's own: known, of type `Unknown`.
 */
export function lookUpConditionKey(key: string): ConditionKeyLookup {
  const colon = key.indexOf(':');
  const prefix = key.slice(0, colon).toLowerCase();
  const lower = key.toLowerCase();
  const table = tables().get(prefix);
  // A web identity provider's or a URL's keys are the provider's own: only known ones are typed.
  const isProvider = /[./]/.test(prefix);
  if (table) {
    const exact = table.exact.get(lower);
    if (exact) return { known: true, type: exact };
    for (const p of table.patterns) if (p.pattern.test(lower)) return { known: true, type: p.type };
    if (isProvider) return { known: true, type: 'Unknown' };
    return { known: false, reason: prefix === 'aws' ? 'global' : 'service', prefix };
  }
  if (colon <= 0 || isProvider) return { known: true, type: 'Unknown' };
  if (serviceActions(prefix)) return { known: false, reason: 'service', prefix };
  return { known: false, reason: 'unknown-service', prefix };
}

/** An ARN format as a pattern: each `${Name}` stands for any text (within one segment for the fields before the resource). */
function formatPattern(format: string): RegExp {
  const parts = format.split(/\$\{[^}]*\}/).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`);
}

/**
 * The Service Authorization Reference's ARN format of the resource type of `action` that `arn`
 * is (`arn:aws:s3:::${BucketName}/${ObjectName}` for s3:GetObject on an object), with its
 * partition filled in; the action's first resource type when none fits; undefined when the action
 * has no resource types (it takes Resource "*") or is not listed.
 */
export function resourceTypeFormat(action: string, arn: string): string | undefined {
  const colon = action.indexOf(':');
  if (colon < 0) return undefined;
  const info = actionInfo(action.slice(0, colon), action.slice(colon + 1));
  if (!info || info.arnFormats.length === 0) return undefined;
  const partition = arn.split(':')[1] || 'aws';
  const formats = info.arnFormats.map((f) => f.replaceAll('${Partition}', partition));
  return formats.find((f) => formatPattern(f).test(arn)) ?? formats[0];
}
