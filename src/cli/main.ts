// The `rolegate` command line: one file per subcommand, dispatched here.
import { serve } from '../main.js';

const USAGE = `usage: rolegate <command>
  serve [--port N --host H --data DIR --account-id ID ...]   run the server (as npm start)
  account create ID | account list                          accounts in the data folder
  policy validate FILE... | policy simulate ...              the policy library from the command line
  explain REQUEST_ID                                        why a request was allowed or denied
  log [--follow] [--principal ARN] [--result R]             the decision log
  policy suggest --principal ARN [--since ISO]              a least-privilege policy from observed denials
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return serve(rest);
    case 'explain':
      return (await import('./explain.js')).main(rest);
    case 'log':
      return (await import('./log.js')).main(rest);
    case 'account':
      return (await import('./account.js')).main(rest);
    case 'policy': {
      const [sub, ...args] = rest;
      if (sub === 'validate') return (await import('./policy-validate.js')).main(args);
      if (sub === 'simulate') return (await import('./policy-simulate.js')).main(args);
      if (sub === 'suggest') return (await import('./policy-suggest.js')).main(args);
      break;
    }
    default:
      break;
  }
  process.stderr.write(USAGE);
  return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
}
