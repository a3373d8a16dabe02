// The `rolegate` command line: one file per subcommand, dispatched here.
import { serve } from '../main.js';

const USAGE = `usage: rolegate <command>
  serve [--port N --host H --data DIR --account-id ID ...]   run the server (as npm start)
  account create ID | list | keys ID | rotate-key ID       accounts and their root access keys, in the data folder
  account deactivate-key | activate-key | delete-key ID KEY  (\`rolegate account\` for all of them)
  account profile --name NAME [ID]                          an AWS CLI profile for an account's root
  policy validate FILE... | policy simulate ...              the policy library from the command line
  explain REQUEST_ID                                        why a request was allowed or denied
  log [--follow] [--principal ARN] [--result R]             the decision log
  policy suggest --principal ARN [--since ISO]              a least-privilege policy from observed denials
  mfa code SEED_FILE [--step N] [--count C]                 a virtual MFA device's codes, as an authenticator app shows them
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
    case 'mfa':
      return (await import('./mfa.js')).main(rest);
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
