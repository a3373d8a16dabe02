// `rolegate policy simulate`: decides actions against policy files the way IAM's simulator does and
// prints each decision with the statements that made it. Reads files; deciding is the library's.
import { readFile } from 'node:fs/promises';
import {
  accessDeniedMessage, evaluate, loadPolicy, statementLabel, type ContextValue, type Decision, type PolicyKind, type PolicyRef, type PolicySet,
} from '../policy/index.js';

export interface SimulateArgs {
  readonly actions: readonly string[];
  readonly resource: string;
  readonly principal: string;
  readonly identityPolicies: readonly string[];
  readonly resourcePolicy?: string;
  readonly trustPolicy?: string;
  readonly boundary?: string;
  readonly sessionPolicies: readonly string[];
  readonly context: Readonly<Record<string, ContextValue>>;
  readonly crossAccount: boolean;
}

export type SimulateOutcome =
  | { ok: true; results: { action: string; decision: Decision; message: string }[] }
  | { ok: false; file: string; errors: { message: string; line: number; column: number }[] };

/** Parses the command line; a string is the usage error. */
export function parseSimulateArgs(argv: readonly string[]): SimulateArgs | string {
  const a = { actions: [] as string[], resource: '*', principal: '', identityPolicies: [] as string[], sessionPolicies: [] as string[], context: {} as Record<string, ContextValue>, crossAccount: false } as {
    -readonly [K in keyof SimulateArgs]: SimulateArgs[K] extends readonly (infer T)[] ? T[] : SimulateArgs[K];
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag === '--cross-account') {
      a.crossAccount = true;
      continue;
    }
    if (flag === '--json') continue;
    const value = argv[++i];
    if (value === undefined) return `${flag} needs a value`;
    switch (flag) {
      case '--action': a.actions.push(...value.split(',')); break;
      case '--resource': a.resource = value; break;
      case '--principal': a.principal = value; break;
      case '--policy': a.identityPolicies.push(value); break;
      case '--resource-policy': a.resourcePolicy = value; break;
      case '--trust-policy': a.trustPolicy = value; break;
      case '--boundary': a.boundary = value; break;
      case '--session-policy': a.sessionPolicies.push(value); break;
      case '--context': {
        const eq = value.indexOf('=');
        if (eq < 1) return `--context wants key=value[,value…]`;
        const values = value.slice(eq + 1).split(',');
        (a.context as Record<string, ContextValue>)[value.slice(0, eq)] = values.length === 1 ? values[0]! : values;
        break;
      }
      default: return `unknown option ${flag}`;
    }
  }
  if (a.actions.length === 0) return '--action is required';
  if (!a.principal) return '--principal is required';
  return a;
}

const CALLER_ARN = /^arn:([^:]+):(iam|sts)::(\d{12}):(.+)$/;
const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$|^[a-z0-9][a-z0-9.-]*\.amazon\.com$/;

/**
 * The context keys AWS supplies about the caller itself, as far as its ARN shows them: for an IAM
 * user aws:username, aws:PrincipalArn, aws:PrincipalAccount and aws:PrincipalType "User"; for the
 * root user "Account" and aws:userid (the account id); for a role session "AssumedRole" with the
 * role's ARN as aws:PrincipalArn (without the role's path, which a session ARN does not show); for a
 * federated user "FederatedUser" and aws:userid account:name. A role ARN stands for a session of that
 * role. Unique ids (AIDA…, AROA…) cannot be derived: aws:userid of users and role sessions is left to
 * --context. A service principal gets aws:PrincipalServiceName and aws:PrincipalIsAWSService "true";
 * `*` is "Anonymous".
 */
export function principalContext(principal: string): Record<string, ContextValue> {
  if (principal === '*') return { 'aws:PrincipalType': 'Anonymous' };
  const m = CALLER_ARN.exec(principal);
  if (!m) return SERVICE_PRINCIPAL.test(principal) ? { 'aws:PrincipalServiceName': principal, 'aws:PrincipalIsAWSService': 'true' } : {};
  const partition = m[1]!;
  const service = m[2]!;
  const account = m[3]!;
  const resource = m[4]!;
  const keys: Record<string, ContextValue> = { 'aws:PrincipalAccount': account, 'aws:PrincipalIsAWSService': 'false' };
  const name = resource.slice(resource.lastIndexOf('/') + 1);
  if (service === 'iam' && resource === 'root') return { ...keys, 'aws:PrincipalArn': principal, 'aws:PrincipalType': 'Account', 'aws:userid': account };
  if (service === 'iam' && resource.startsWith('user/'))
    return { ...keys, 'aws:PrincipalArn': principal, 'aws:PrincipalType': 'User', 'aws:username': name };
  if (service === 'iam' && resource.startsWith('role/')) return { ...keys, 'aws:PrincipalArn': principal, 'aws:PrincipalType': 'AssumedRole' };
  const session = /^assumed-role\/([^/]+)\/.+$/.exec(resource);
  if (service === 'sts' && session)
    return { ...keys, 'aws:PrincipalArn': `arn:${partition}:iam::${account}:role/${session[1]}`, 'aws:PrincipalType': 'AssumedRole' };
  if (service === 'sts' && resource.startsWith('federated-user/'))
    return { ...keys, 'aws:PrincipalArn': principal, 'aws:PrincipalType': 'FederatedUser', 'aws:userid': `${account}:${name}` };
  return keys;
}

/** The request context: the principal's own keys, then --context values, which replace a key of any case. */
export function requestContext(principal: string, given: Readonly<Record<string, ContextValue>>): Record<string, ContextValue> {
  const named = new Set(Object.keys(given).map((k) => k.toLowerCase()));
  const context: Record<string, ContextValue> = {};
  for (const [k, v] of Object.entries(principalContext(principal))) if (!named.has(k.toLowerCase())) context[k] = v;
  return { ...context, ...given };
}

/** Loads the policy files and decides every action. */
export async function runSimulate(args: SimulateArgs): Promise<SimulateOutcome> {
  const load = async (file: string, kind: PolicyKind, managed = false): Promise<PolicyRef | SimulateOutcome> => {
    const r = loadPolicy(await readFile(file, 'utf8'), kind, { managed });
    return r.ok ? { id: file, policy: r.policy } : { ok: false, file, errors: [...r.errors] };
  };
  const take = (x: PolicyRef | SimulateOutcome): x is PolicyRef => 'policy' in x;
  const identity: PolicyRef[] = [];
  for (const f of args.identityPolicies) { const r = await load(f, 'identity'); if (!take(r)) return r; identity.push(r); }
  const session: PolicyRef[] = [];
  for (const f of args.sessionPolicies) { const r = await load(f, 'session'); if (!take(r)) return r; session.push(r); }
  let resource: PolicyRef | undefined;
  if (args.trustPolicy ?? args.resourcePolicy) {
    const r = await load((args.trustPolicy ?? args.resourcePolicy)!, args.trustPolicy ? 'trust' : 'resource');
    if (!take(r)) return r;
    resource = r;
  }
  let boundary: PolicyRef | undefined;
  if (args.boundary) { const r = await load(args.boundary, 'boundary'); if (!take(r)) return r; boundary = r; }
  const set: PolicySet = {
    identity, session, crossAccount: args.crossAccount, trustPolicy: args.trustPolicy !== undefined,
    ...(resource ? { resource } : {}), ...(boundary ? { boundary } : {}),
  };
  const context = requestContext(args.principal, args.context);
  const results = args.actions.map((action) => {
    const request = { action, resource: args.resource, principal: args.principal, context };
    const decision = evaluate(request, set);
    return { action, decision, message: accessDeniedMessage(request, decision) };
  });
  return { ok: true, results };
}

const USAGE = `usage: rolegate policy simulate --action A[,B] --principal ARN [--resource ARN]
  [--policy FILE]... [--resource-policy FILE | --trust-policy FILE] [--boundary FILE]
  [--session-policy FILE]... [--context key=value[,value]]... [--cross-account] [--json]
The caller's own keys (aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalType, aws:username for
a user) come from --principal; a --context value replaces them.
`;

/** Where the command writes; tests pass their own. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}
const processIo: Io = { out: (t) => void process.stdout.write(t), err: (t) => void process.stderr.write(t) };

/** Exit code 0 when every action is allowed, 1 when any is denied, 2 for usage or a malformed policy. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const args = parseSimulateArgs(argv);
  if (typeof args === 'string') {
    io.err(`rolegate policy simulate: ${args}\n${USAGE}`);
    return 2;
  }
  let outcome: SimulateOutcome;
  try {
    outcome = await runSimulate(args);
  } catch (e) {
    io.err(`rolegate policy simulate: ${(e as Error).message}\n`);
    return 2;
  }
  if (!outcome.ok) {
    for (const e of outcome.errors) io.err(`${outcome.file}:${e.line}:${e.column}: MalformedPolicyDocument: ${e.message}\n`);
    return 2;
  }
  if (argv.includes('--json')) io.out(JSON.stringify(outcome.results, null, 2) + '\n');
  else
    for (const r of outcome.results) {
      const d = r.decision;
      io.out(`${r.action}: ${d.result}\n`);
      for (const s of d.decidedBy) io.out(`  ${s.effect} by ${s.policy} ${statementLabel(s)}\n`);
      if (d.result !== 'Allowed') io.out(`  ${r.message}\n`);
      if (d.missingKeys.length) io.out(`  missing context keys: ${d.missingKeys.join(', ')}\n`);
    }
  return outcome.results.every((r) => r.decision.result === 'Allowed') ? 0 : 1;
}
