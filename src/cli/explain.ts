// `rolegate explain REQUEST_ID`: every decision the server recorded for one request, in words (or
// as JSON with --json). Reads the admin route; the explanation is written by the server.
import type { DecisionRecord } from '../shared/decision-record.js';
import { AdminError, adminGet, CONNECTION_USAGE, parseFlags, processIo, run, UsageError, type CliIo } from './admin-client.js';

const USAGE = `usage: rolegate explain REQUEST_ID [--json]
${CONNECTION_USAGE}`;

/** 0 when the request's decisions were found, 1 when none is recorded or the server refused, 2 for usage. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  return run('explain', USAGE, argv, io, async () => {
    const { connection, flags, positional } = parseFlags(argv, [], ['--json'], io.env);
    if (positional.length !== 1) throw new UsageError(positional.length ? 'one request id at a time' : 'REQUEST_ID is required');
    const requestId = positional[0]!;
    const found = await adminGet<{ requestId: string; decisions: DecisionRecord[]; explanation: string }>(
      connection, `/_rolegate/decisions/${encodeURIComponent(requestId)}`,
    );
    if (!found) throw new AdminError(`no decision is recorded for request ${requestId} in this account`);
    io.out(flags.has('--json') ? JSON.stringify(found, null, 2) + '\n' : found.explanation + '\n');
    return 0;
  });
}
