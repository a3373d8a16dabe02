// Writes an AWS CLI profile: `[profile NAME]` in the config file and `[NAME]` in the shared
// credentials file. One section is replaced (or added); every other byte of both files is kept.
// The files are replaced atomically (a temporary file beside them, renamed); credentials are 0600.
import { chmodSync, existsSync, mkdirSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';

/** Profile names this writer accepts: no brackets, spaces or line breaks that would break a header. */
export const PROFILE_NAME = /^[A-Za-z0-9_.+@=,:-]{1,64}$/;

const HEADER = /^[ \t]*\[([^\]\r\n]*)\][ \t]*(?:[#;].*)?$/;
const QUIET = /^[ \t]*(?:[#;].*)?$/;

const normal = (name: string) => name.trim().replace(/\s+/g, ' ');

/**
 * `text` with the sections named any of `names` (compared as botocore does, spaces collapsed)
 * replaced by `section` at the place of the first, or `section` appended. A section ends at the
 * next header; the comments and blank lines just before that header stay, as they usually belong
 * to it. The new section takes the file's line ending.
 */
export function replaceSection(text: string, names: string[], section: string[]): string {
  const wanted = new Set(names.map(normal));
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const block = section.map((l) => l + eol).join('');
  const lines = text.split(/(?<=\n)/);
  const out: string[] = [];
  let placed = false;
  for (let i = 0; i < lines.length; ) {
    const m = HEADER.exec(lines[i].replace(/\r?\n$/, ''));
    if (!m || !wanted.has(normal(m[1]))) {
      out.push(lines[i++]);
      continue;
    }
    let end = i + 1;
    while (end < lines.length && !HEADER.test(lines[end].replace(/\r?\n$/, ''))) end++;
    let keep = end;
    if (end < lines.length) while (keep > i + 1 && QUIET.test(lines[keep - 1].replace(/\r?\n$/, ''))) keep--;
    if (!placed) {
      // The old section's last line may lack its line break (end of file): the new one ends with one.
      out.push(block);
      placed = true;
    }
    for (let j = keep; j < end; j++) out.push(lines[j]);
    i = end;
  }
  if (placed) return out.join('');
  let head = text;
  if (head.length && !head.endsWith('\n')) head += eol;
  if (head.length && !/(?:\r?\n){2}$/.test(head)) head += eol;
  return head + block;
}

export interface ProfileFiles { config: string; credentials: string }

/** Where the AWS CLI reads its files: AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/. */
export function profileFiles(env: NodeJS.ProcessEnv = process.env): ProfileFiles {
  const home = (p: string) => (p.startsWith('~/') ? join(homedir(), p.slice(2)) : p);
  return {
    config: resolve(home(env.AWS_CONFIG_FILE || join(homedir(), '.aws', 'config'))),
    credentials: resolve(home(env.AWS_SHARED_CREDENTIALS_FILE || join(homedir(), '.aws', 'credentials'))),
  };
}

/** Replaces `file` with `text` atomically; through a symbolic link, the file it names. */
function writeAtomically(file: string, text: string, mode: number): void {
  const target = existsSync(file) ? realpathSync(file) : file;
  mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  writeFileSync(tmp, text, { mode, flag: 'w' });
  chmodSync(tmp, mode);
  renameSync(tmp, target);
}

export interface Profile {
  name: string;
  region: string;
  endpointUrl: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export function writeProfile(files: ProfileFiles, p: Profile): void {
  if (!PROFILE_NAME.test(p.name)) throw new Error(`profile name ${JSON.stringify(p.name)}: use letters, digits and _ . + @ = , : - (at most 64)`);
  // The default profile's section is [default] in both files (botocore also reads [profile default]).
  const configNames = p.name === 'default' ? ['default', 'profile default'] : [`profile ${p.name}`];
  const read = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8') : '');
  const config = replaceSection(read(files.config), configNames, [
    `[${p.name === 'default' ? 'default' : `profile ${p.name}`}]`, `region = ${p.region}`, `endpoint_url = ${p.endpointUrl}`,
  ]);
  const credentials = replaceSection(read(files.credentials), [p.name], [
    `[${p.name}]`, `aws_access_key_id = ${p.accessKeyId}`, `aws_secret_access_key = ${p.secretAccessKey}`,
  ]);
  writeAtomically(files.credentials, credentials, 0o600);
  writeAtomically(files.config, config, existsSync(files.config) ? statSync(files.config).mode & 0o777 : 0o600);
}

/**
 * The sections of an AWS CLI config or credentials file as botocore reads them: `key = value`
 * lines under `[section]` headers, `#`/`;` comment lines skipped, a nested block (an indented
 * line under `key =`, such as `s3 =`) skipped, later duplicates winning.
 */
export function readSections(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    if (QUIET.test(raw)) continue;
    const header = HEADER.exec(raw);
    if (header) {
      const name = normal(header[1]!);
      current = sections.get(name) ?? new Map();
      sections.set(name, current);
      continue;
    }
    if (!current || /^[ \t]/.test(raw)) continue;
    const eq = raw.indexOf('=');
    if (eq < 1) continue;
    current.set(raw.slice(0, eq).trim().toLowerCase(), raw.slice(eq + 1).trim());
  }
  return sections;
}

export interface ProfileSettings {
  accessKeyId?: string;
  secretAccessKey?: string;
  endpointUrl?: string;
  region?: string;
}

/**
 * What a profile holds, as the AWS CLI reads it: keys from the credentials file's `[NAME]` (else
 * the config file's), endpoint_url and region from the config file's `[profile NAME]` (`[default]`
 * for the default profile). Undefined when neither file has the profile.
 */
export function readProfile(files: ProfileFiles, name: string): ProfileSettings | undefined {
  const read = (f: string) => (existsSync(f) ? readSections(readFileSync(f, 'utf8')) : new Map<string, Map<string, string>>());
  const credentials = read(files.credentials).get(normal(name));
  const configFile = read(files.config);
  const config = configFile.get(`profile ${normal(name)}`) ?? (name === 'default' ? configFile.get('default') : undefined);
  if (!credentials && !config) return undefined;
  const pick = (key: string) => credentials?.get(key) || config?.get(key) || undefined;
  return {
    accessKeyId: pick('aws_access_key_id'),
    secretAccessKey: pick('aws_secret_access_key'),
    endpointUrl: config?.get('endpoint_url') || undefined,
    region: config?.get('region') || undefined,
  };
}
