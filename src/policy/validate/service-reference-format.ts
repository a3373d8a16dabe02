// The text form of service-reference.json: for each service prefix its action names, sorted and
// grouped by their first word so that shared verbs are written once, e.g.
//   "sts": "Assume(Role,RoleWithSAML,RoleWithWebIdentity,Root) Decode(AuthorizationMessage) …"
// An action that is only its first word (dynamodb:Query) is an empty entry: "Query()".
// Pure: encoding and decoding only; scripts/import-service-reference.ts writes the file.

/** The leading word of an action name: its first character and the lower-case letters and digits after it. */
const VERB = /^[A-Za-z0-9][a-z0-9]*/;
const NAME = /^[A-Za-z0-9-]+$/;

/** One service's action names as a line of groups; throws on a name the form cannot hold. */
export function encodeActions(names: readonly string[]): string {
  const groups = new Map<string, string[]>();
  for (const name of [...new Set(names)].sort()) {
    if (!NAME.test(name)) throw new Error(`action name ${JSON.stringify(name)} has characters the data file cannot hold`);
    const verb = VERB.exec(name)![0];
    let rest = groups.get(verb);
    if (!rest) groups.set(verb, (rest = []));
    rest.push(name.slice(verb.length));
  }
  return [...groups].map(([verb, rest]) => `${verb}(${rest.join(',')})`).join(' ');
}

/** The action names of one encoded line, in the order written. */
export function decodeActions(line: string): string[] {
  const names: string[] = [];
  for (const m of line.matchAll(/([A-Za-z0-9]+)\(([^)]*)\)/g)) for (const rest of m[2]!.split(',')) names.push(m[1]! + rest);
  return names;
}

/** The data file's shape: where it came from, and each service prefix's encoded actions. */
export interface ServiceReferenceFile {
  readonly source: string;
  readonly services: Readonly<Record<string, string>>;
}

/** The whole file as the generator writes it: one service per line, prefixes sorted. */
export function encodeServiceReference(source: string, services: ReadonlyMap<string, readonly string[]>): string {
  const prefixes = [...services.keys()].sort();
  const lines = prefixes.map((p) => `    ${JSON.stringify(p)}: ${JSON.stringify(encodeActions(services.get(p)!))}`);
  return `{\n  "source": ${JSON.stringify(source)},\n  "services": {\n${lines.join(',\n')}\n  }\n}\n`;
}

/**
 * The details file, service-reference-details.json: what the Access Analyzer checks need beyond
 * action names. Per service prefix:
 *   resources      the ARN formats of its resource types (`arn:${Partition}:s3:::${BucketName}`);
 *   actions        one entry per action, in the order decodeActions gives the names file's line:
 *                  the indexes into `resources` of the resource types the action takes, comma
 *                  separated, or `-` for none (Resource "*" only); then `t` when the action or one
 *                  of its resource types supports aws:ResourceTag;
 *   conditionKeys  each condition key the service defines, with its type (`String`, `ArrayOfString`…).
 * `globalConditionKeys` are the aws: keys (and the few service keys AWS lists as global) with types.
 */
export interface ServiceDetails {
  readonly resources: readonly string[];
  readonly actions: string;
  readonly conditionKeys: Readonly<Record<string, string>>;
}

export interface ServiceDetailsFile {
  readonly source: string;
  readonly globalConditionKeys: Readonly<Record<string, string>>;
  readonly services: Readonly<Record<string, ServiceDetails>>;
}

/** One action's entry in `ServiceDetails.actions`. */
export interface ActionDetails {
  readonly resources: readonly number[];
  readonly resourceTag: boolean;
}

export function encodeActionDetails(actions: readonly ActionDetails[]): string {
  return actions.map((a) => (a.resources.length ? a.resources.join(',') : '-') + (a.resourceTag ? 't' : '')).join(' ');
}

export function decodeActionDetails(line: string): ActionDetails[] {
  if (line === '') return [];
  return line.split(' ').map((entry) => {
    const resourceTag = entry.endsWith('t');
    const list = resourceTag ? entry.slice(0, -1) : entry;
    return { resources: list === '-' ? [] : list.split(',').map(Number), resourceTag };
  });
}

/** The details file as the generator writes it: one service per line, prefixes sorted. */
export function encodeServiceDetails(source: string, globalKeys: ReadonlyMap<string, string>, services: ReadonlyMap<string, ServiceDetails>): string {
  const sortedObject = (m: ReadonlyMap<string, string> | Readonly<Record<string, string>>) =>
    Object.fromEntries([...(m instanceof Map ? m : Object.entries(m))].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const lines = [...services.keys()].sort().map((p) => {
    const s = services.get(p)!;
    return `    ${JSON.stringify(p)}: ${JSON.stringify({ resources: s.resources, actions: s.actions, conditionKeys: sortedObject(s.conditionKeys) })}`;
  });
  return `{\n  "source": ${JSON.stringify(source)},\n  "globalConditionKeys": ${JSON.stringify(sortedObject(globalKeys))},\n  "services": {\n${lines.join(',\n')}\n  }\n}\n`;
}
