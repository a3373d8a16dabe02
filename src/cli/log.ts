// `rolegate log`: the decision log as one line per decision, oldest first, or as JSON lines; with
// --follow it keeps printing new decisions from the server's stream until SIGINT.
import type { DecisionRecord } from '../shared/decision-record.js';
import { CONNECTION_USAGE, follow, listAll, parseFlags, processIo, run, UsageError, type CliIo } from './admin-client.js';

const USAGE = `usage: rolegate log [--follow] [--principal ARN] [--action A] [--result Denied|Allowed|ExplicitlyDenied|ImplicitlyDenied]
                    [--request-id ID] [--since ISO] [--until ISO] [--max-items N] [--json]
  --max-items N   how many of the newest decisions to print first (default 50; with --follow, 10)
${CONNECTION_USAGE}`;

const RESULTS = ['Allowed', 'Denied', 'ExplicitlyDenied', 'ImplicitlyDenied'];

/** `2026-05-01T10:00:00.000Z DENY arn:aws:iam::111122223333:user/alice s3:GetObject arn:aws:s3:::b/k <request id>` */
export function formatLine(r: DecisionRecord): string {
  const verdict = r.result === 'Allowed' ? 'ALLOW' : r.mode === 'soft' ? 'DENY(soft)' : 'DENY';
  return `${r.time} ${verdict} ${r.principal} ${r.action} ${r.resource} ${r.requestId}`;
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  return run('log', USAGE, argv, io, async () => {
    const { connection, flags, positional } = parseFlags(
      argv, ['--principal', '--action', '--result', '--request-id', '--since', '--until', '--max-items'], ['--follow', '--json'], io.env,
    );
    if (positional.length) throw new UsageError(`unexpected argument ${positional[0]}`);
    const result = flags.get('--result');
    if (result !== undefined && !RESULTS.includes(result)) throw new UsageError(`--result must be one of ${RESULTS.join(', ')}`);
    const isFollowing = flags.has('--follow');
    if (isFollowing && (flags.has('--since') || flags.has('--until'))) throw new UsageError('--since and --until do not go with --follow');
    const maxText = flags.get('--max-items') ?? (isFollowing ? '10' : '50');
    const maxItems = Number(maxText);
    if (!/^\d+$/.test(maxText) || maxItems > 1000 || (!isFollowing && maxItems < 1)) throw new UsageError('--max-items must be an integer up to 1000');
    const query = new URLSearchParams();
    for (const [flag, param] of [['--principal', 'principal'], ['--action', 'action'], ['--result', 'result'], ['--request-id', 'requestId'], ['--since', 'since'], ['--until', 'until']]) {
      const v = flags.get(flag!);
      if (v !== undefined) query.set(param!, v);
    }
    const print = flags.has('--json') ? (r: DecisionRecord) => io.out(JSON.stringify(r) + '\n') : (r: DecisionRecord) => io.out(formatLine(r) + '\n');
    if (!isFollowing) {
      const records = await listAll(connection, query, maxItems);
      for (const r of records.slice(0, maxItems).reverse()) print(r);
      return 0;
    }
    query.set('tail', String(maxItems));
    const controller = new AbortController();
    const stop = () => controller.abort();
    const signal = io.signal ? AbortSignal.any([io.signal, controller.signal]) : controller.signal;
    process.once('SIGINT', stop);
    try {
      await follow(connection, query, print, signal);
    } finally {
      process.removeListener('SIGINT', stop);
    }
    return 0;
  });
}
