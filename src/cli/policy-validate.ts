// `rolegate policy validate FILE…`: grammar errors with line and column, size quotas, then IAM Access
// Analyzer's policy checks (finding type, issue code, message, line and column), per file. Reads
// files; all checking is the policy library's.
import { readFile } from 'node:fs/promises';
import { validatePolicy, type Finding, type PolicyKind } from '../policy/index.js';

/** A policy kind, or `managed`: an identity policy stored as a managed policy (its own grammar and quota). */
export type ValidateKind = PolicyKind | 'managed';

export interface FileFindings {
  readonly path: string;
  readonly kind: ValidateKind;
  readonly findings: readonly Finding[];
}

const KINDS: readonly ValidateKind[] = ['identity', 'managed', 'resource', 'trust', 'boundary', 'session', 'scp'];
const ROLE_ACTION = /^sts:(assumerole\w*|tagsession|setsourceidentity|setcontext|\*)$/i;

/**
 * The kind a document looks like: Principal and only STS role actions = trust; Principal = resource;
 * otherwise identity, checked as possibly inline (a managed policy needs `--kind managed`).
 */
export function guessKind(text: string): PolicyKind {
  try {
    const doc = JSON.parse(text) as { Statement?: unknown };
    const list = (Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]) as Record<string, unknown>[];
    if (!list.some((s) => s && typeof s === 'object' && ('Principal' in s || 'NotPrincipal' in s))) return 'identity';
    const actions = list.flatMap((s) => [s?.Action ?? []].flat()) as unknown[];
    return actions.length > 0 && actions.every((a) => typeof a === 'string' && ROLE_ACTION.test(a)) ? 'trust' : 'resource';
  } catch {
    return 'identity';
  }
}

/** Validates each file; the kind comes from `kind` or is guessed from the document. */
export async function validatePolicyFiles(paths: readonly string[], kind?: ValidateKind): Promise<FileFindings[]> {
  const out: FileFindings[] = [];
  for (const path of paths) {
    const text = await readFile(path, 'utf8');
    const k = kind ?? guessKind(text);
    const findings = k === 'managed' ? validatePolicy(text, 'identity', { managed: true }) : validatePolicy(text, k);
    out.push({ path, kind: k, findings });
  }
  return out;
}

/** Access Analyzer's finding types as the text output writes them. */
const TYPE_WORD: Record<Finding['findingType'], string> = { ERROR: 'error', SECURITY_WARNING: 'security-warning', WARNING: 'warning', SUGGESTION: 'suggestion' };

const USAGE = 'usage: rolegate policy validate [--kind identity|managed|resource|trust|boundary|session|scp] [--json] FILE...\n';

/** Where the command writes; tests pass their own. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}
const processIo: Io = { out: (t) => void process.stdout.write(t), err: (t) => void process.stderr.write(t) };

/** Exit code 0 when no file has an ERROR finding (warnings and suggestions are printed), 1 otherwise, 2 for usage. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  let kind: ValidateKind | undefined;
  let json = false;
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') json = true;
    else if (a === '--kind') {
      const k = argv[++i] as ValidateKind;
      if (!KINDS.includes(k)) return usage(io);
      kind = k;
    } else if (a.startsWith('--')) return usage(io);
    else paths.push(a);
  }
  if (paths.length === 0) return usage(io);
  let results: FileFindings[];
  try {
    results = await validatePolicyFiles(paths, kind);
  } catch (e) {
    io.err(`rolegate policy validate: ${(e as Error).message}\n`);
    return 2;
  }
  if (json) io.out(JSON.stringify(results, null, 2) + '\n');
  else {
    for (const r of results) {
      if (r.findings.length === 0) io.out(`${r.path}: ok (${r.kind} policy)\n`);
      for (const f of r.findings) io.out(`${r.path}:${f.line}:${f.column}: ${TYPE_WORD[f.findingType]} ${f.code}: ${f.message}\n`);
    }
  }
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

function usage(io: Io): number {
  io.err(USAGE);
  return 2;
}
