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
