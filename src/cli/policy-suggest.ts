// `rolegate policy suggest --principal ARN`: the principal's recorded denials turned into a
// least-privilege identity policy (stdout, JSON), with what it cannot fix on stderr. The policy is
// built and checked by src/authz/suggest.ts with the policy library.
import { suggestPolicy } from '../decisions/suggest.js';
import { describeStatement } from '../decisions/explanation.js';
import { CONNECTION_USAGE, listAll, parseFlags, processIo, run, UsageError, type CliIo } from './admin-client.js';

const USAGE = `usage: rolegate policy suggest --principal ARN [--since ISO] [--until ISO] [--json]
  prints a least-privilege identity policy that allows the principal's recorded denials
  --json   print the whole report (policy, covered and left-out denials) instead of the policy alone
${CONNECTION_USAGE}`;

/** Records read at most, newest first. */
const LIMIT = 100_000;

/** 0 with a policy printed, 1 when no denial of the principal can be fixed by an Allow, 2 for usage. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  return run('policy suggest', USAGE, argv, io, async () => {
    const { connection, flags, positional } = parseFlags(argv, ['--principal', '--since', '--until'], ['--json'], io.env);
    if (positional.length) throw new UsageError(`unexpected argument ${positional[0]}`);
    const principal = flags.get('--principal');
    if (!principal) throw new UsageError('--principal is required');
    const query = new URLSearchParams({ principal, result: 'Denied' });
    for (const name of ['since', 'until']) {
      const v = flags.get(`--${name}`);
      if (v !== undefined) query.set(name, v);
    }
    const records = await listAll(connection, query, LIMIT);
    const s = suggestPolicy(records);
    if (flags.has('--json')) {
      io.out(JSON.stringify(s, null, 2) + '\n');
      return s.policy ? 0 : 1;
    }
    if (records.length === LIMIT) io.err(`note: only the newest ${LIMIT} denials were read; narrow with --since\n`);
    for (const r of s.explicitlyDenied) {
      const by = r.decidedBy.filter((m) => m.effect === 'Deny').map(describeStatement).join('; ') || 'an explicit deny';
      io.err(`left out: ${r.action} on ${r.resource} (request ${r.requestId}) is denied by ${by}; no Allow can override it\n`);
    }
    for (const { record: r, policies } of s.refusedElsewhere) {
      io.err(`left out: ${r.action} on ${r.resource} (request ${r.requestId}) is already allowed by identity policies; ${policies.join(' and ')} refused it\n`);
    }
    for (const { record: r, policies } of s.alsoNeeds) io.err(`note: ${r.action} on ${r.resource} must also be allowed by ${policies.join(' and ')}\n`);
    for (const r of s.uncovered) io.err(`warning: ${r.action} on ${r.resource} (request ${r.requestId}) could not be expressed in a policy\n`);
    if (!s.policy) {
      io.err(records.length ? `no denial of ${principal} can be fixed by an identity-policy Allow\n` : `no denial of ${principal} is recorded\n`);
      return 1;
    }
    if (!s.fitsManagedPolicy) io.err(`note: the policy is ${s.size} characters, over IAM's managed policy limit; split it or use wildcards deliberately\n`);
    io.err(`${s.covered.length} denied request(s) allowed by this policy\n`);
    io.out(JSON.stringify(s.policy, null, 2) + '\n');
    return 0;
  });
}
