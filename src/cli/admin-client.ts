// What `rolegate explain`, `log` and `policy suggest` share: the endpoint and root credentials from
// flags, the environment or an AWS CLI profile (found as the AWS CLI finds it), and reads of the
// server's /_rolegate/decisions routes (HTTP Basic). The secret is sent only in the Authorization
// header and never printed.
import type { DecisionRecord } from '../shared/decision-record.js';
import { profileFiles, readProfile } from './aws-profile.js';

/** Where a command writes and what it reads; tests pass their own. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Ends `--follow`; when absent, SIGINT does. */
  signal?: AbortSignal;
}

export const processIo: CliIo = { out: (t) => void process.stdout.write(t), err: (t) => void process.stderr.write(t), env: process.env };

export interface Connection {
  endpoint: string;
  authorization: string;
}

export const CONNECTION_USAGE = `  --endpoint URL            (or --endpoint-url) default $ROLEGATE_ENDPOINT, $AWS_ENDPOINT_URL, the
                            profile's endpoint_url, else http://127.0.0.1:4577
  --profile NAME            an AWS CLI profile holding an account root's key (~/.aws/credentials
                            and ~/.aws/config, or $AWS_SHARED_CREDENTIALS_FILE and $AWS_CONFIG_FILE)
  --access-key-id ID        an account root's key; default $AWS_ACCESS_KEY_ID, else the profile
  --secret-access-key KEY   default $AWS_SECRET_ACCESS_KEY, else the profile
  Credentials are found as the AWS CLI finds them: the flags; --profile; $AWS_ACCESS_KEY_ID and
  $AWS_SECRET_ACCESS_KEY; the profile $AWS_PROFILE names, else the default profile.
`;

const CONNECTION_FLAGS = ['--endpoint', '--endpoint-url', '--profile', '--access-key-id', '--secret-access-key'];

/** The endpoint and root credentials, from the flags, the environment and the AWS CLI's files, in the AWS CLI's order. */
function connect(flags: Map<string, string>, env: NodeJS.ProcessEnv): Connection {
  const flagKey = flags.get('--access-key-id');
  const flagSecret = flags.get('--secret-access-key');
  if (Boolean(flagKey) !== Boolean(flagSecret)) throw new UsageError('--access-key-id and --secret-access-key are given together');
  const named = flags.get('--profile');
  const profileName = named ?? env.AWS_PROFILE ?? env.AWS_DEFAULT_PROFILE ?? 'default';
  const files = profileFiles(env);
  const profile = readProfile(files, profileName);
  if (named !== undefined && !profile) throw new UsageError(`the profile ${named} is in neither ${files.credentials} nor ${files.config}`);
  if (env.AWS_PROFILE !== undefined && named === undefined && !profile && !(env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) && !flagKey) {
    throw new UsageError(`the profile ${env.AWS_PROFILE} (AWS_PROFILE) is in neither ${files.credentials} nor ${files.config}`);
  }
  let keyId: string | undefined;
  let secret: string | undefined;
  if (flagKey) [keyId, secret] = [flagKey, flagSecret];
  else if (named !== undefined) [keyId, secret] = [profile?.accessKeyId, profile?.secretAccessKey];
  else if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) [keyId, secret] = [env.AWS_ACCESS_KEY_ID, env.AWS_SECRET_ACCESS_KEY];
  else [keyId, secret] = [profile?.accessKeyId, profile?.secretAccessKey];
  if (!keyId || !secret) {
    throw new UsageError(named !== undefined
      ? `the profile ${named} has no aws_access_key_id and aws_secret_access_key`
      : "an account root's credentials are needed: --profile NAME, --access-key-id and --secret-access-key, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a default profile");
  }
  const endpoint = (flags.get('--endpoint') ?? flags.get('--endpoint-url') ?? env.ROLEGATE_ENDPOINT ?? env.AWS_ENDPOINT_URL ?? profile?.endpointUrl ?? 'http://127.0.0.1:4577').replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+$/.test(endpoint)) throw new UsageError('--endpoint must be an http(s) URL such as http://127.0.0.1:4577');
  return { endpoint, authorization: `Basic ${Buffer.from(`${keyId}:${secret}`).toString('base64')}` };
}

/** A usage error: printed with the command's usage, exit code 2. */
export class UsageError extends Error {}

/**
 * Reads flags: `--name value` or `--name=value`; `booleans` take no value. Connection flags are
 * folded into a Connection; everything else is returned by name (repeatable ones as the last value).
 */
export function parseFlags(argv: readonly string[], valued: readonly string[], booleans: readonly string[], env: NodeJS.ProcessEnv):
  { connection: Connection; flags: Map<string, string>; positional: string[] } {
  const flags = new Map<string, string>();
  const positional: string[] = [];
  const all = new Set([...valued, ...CONNECTION_FLAGS]);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (booleans.includes(name) && eq < 0) {
      flags.set(name, 'true');
      continue;
    }
    if (!all.has(name)) throw new UsageError(`unknown option ${name}`);
    const value = eq < 0 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined) throw new UsageError(`${name} needs a value`);
    flags.set(name, value);
  }
  const connection = connect(flags, env);
  for (const name of CONNECTION_FLAGS) flags.delete(name);
  return { connection, flags, positional };
}

/** A failure to show the user, exit code 1. */
export class AdminError extends Error {}

/** GET a /_rolegate/ route; the JSON body, or null for 404. */
export async function adminGet<T>(c: Connection, path: string): Promise<T | null> {
  const res = await request(c, path);
  if (res.status === 404) return null;
  const body = await res.text();
  if (res.status !== 200) throw new AdminError(failure(res.status, body));
  return JSON.parse(body) as T;
}

/** Every page of GET /_rolegate/decisions for a query (newest first), up to `limit` records. */
export async function listAll(c: Connection, query: URLSearchParams, limit = 100_000): Promise<DecisionRecord[]> {
  const out: DecisionRecord[] = [];
  let marker: string | undefined;
  do {
    const q = new URLSearchParams(query);
    q.set('maxItems', String(Math.min(1000, limit - out.length)));
    if (marker) q.set('marker', marker);
    const page = await adminGet<{ decisions: DecisionRecord[]; marker?: string }>(c, `/_rolegate/decisions?${q}`);
    if (!page) throw new AdminError(`${c.endpoint} has no decision log route (is it a rolegate server?)`);
    out.push(...page.decisions);
    marker = page.marker;
  } while (marker && out.length < limit);
  return out;
}

/**
 * Follows GET /_rolegate/decisions/stream, calling `onRecord` per event, until `signal` aborts
 * (resolves) or the server ends the stream (rejects).
 */
export async function follow(c: Connection, query: URLSearchParams, onRecord: (r: DecisionRecord) => void, signal: AbortSignal): Promise<void> {
  let res: Response;
  try {
    res = await request(c, `/_rolegate/decisions/stream?${query}`, signal);
  } catch (e) {
    if (signal.aborted) return;
    throw e;
  }
  if (res.status !== 200) throw new AdminError(failure(res.status, await res.text()));
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = event.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart()).join('\n');
        if (data) onRecord(JSON.parse(data) as DecisionRecord);
      }
    }
  } catch (e) {
    if (signal.aborted) return;
    throw e;
  }
  if (!signal.aborted) throw new AdminError('the server ended the decision stream');
}

async function request(c: Connection, path: string, signal?: AbortSignal): Promise<Response> {
  try {
    return await fetch(`${c.endpoint}${path}`, { headers: { authorization: c.authorization, accept: 'application/json' }, signal });
  } catch (e) {
    if (signal?.aborted) throw e;
    const cause = e instanceof Error && e.cause instanceof Error ? e.cause.message : e instanceof Error ? e.message : String(e);
    throw new AdminError(`cannot reach ${c.endpoint}: ${cause}`);
  }
}

function failure(status: number, body: string): string {
  let message = body;
  try {
    message = (JSON.parse(body) as { message?: string }).message ?? body;
  } catch {
    /* not JSON: show it as it is */
  }
  if (status === 401) return `${message} (check the access key id and secret: they must be an account root's)`;
  return `the server answered ${status}: ${message}`;
}

/** Runs a command body, turning usage and admin errors into messages and exit codes. */
export async function run(command: string, usage: string, argv: readonly string[], io: CliIo, body: () => Promise<number>): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(usage);
    return 0;
  }
  try {
    return await body();
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`rolegate ${command}: ${e.message}\n${usage}`);
      return 2;
    }
    if (e instanceof AdminError) {
      io.err(`rolegate ${command}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
