// `rolegate mfa code SEED_FILE`: the codes a virtual MFA app would show for a device's seed (the
// Base32StringSeed that `aws iam create-virtual-mfa-device --outfile FILE --bootstrap-method
// Base32StringSeed` writes), so that MFA-requiring policies can be tried from a terminal. The seed
// is read from a file, never from the command line (other users see it in `ps`), and never printed.
import { readFileSync } from 'node:fs';
import { base32Decode, totpCode, totpStep } from '../shared/totp.js';

const USAGE = `usage: rolegate mfa code SEED_FILE [--step N] [--count C]
  prints, on one line, the 6-digit codes of C time steps (30 s each; default 1) from the step N
  steps from now (default 0: the current one; -1 the one before). AWS takes two consecutive codes
  to enable a device (e.g. --step -2 --count 2) and a code once for a session (then --step 0).
`;

export interface MfaIo { out(text: string): void; err(text: string): void; now(): number }
const processIo: MfaIo = { out: (t) => void process.stdout.write(t), err: (t) => void process.stderr.write(t), now: () => Date.now() };

function integer(flag: string, value: string | undefined, min: number, max: number): number {
  if (value === undefined || !/^-?\d+$/.test(value) || Number(value) < min || Number(value) > max) throw new Error(`${flag} takes an integer from ${min} to ${max}`);
  return Number(value);
}

export function main(argv: string[], io: MfaIo = processIo): number {
  const [verb, ...rest] = argv;
  if (verb !== 'code') {
    io.err(USAGE);
    return verb === undefined || verb === 'help' || verb === '--help' ? 0 : 2;
  }
  let file: string | undefined;
  let step = 0;
  let count = 1;
  try {
    for (let i = 0; i < rest.length; i++) {
      const a = rest[i]!;
      if (a === '--step') step = integer('--step', rest[++i], -100, 100);
      else if (a === '--count') count = integer('--count', rest[++i], 1, 10);
      else if (a.startsWith('--') || file !== undefined) throw new Error(`unexpected argument ${a}`);
      else file = a;
    }
    if (file === undefined) throw new Error('SEED_FILE is required');
  } catch (e) {
    io.err(`rolegate mfa: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  let seed: Buffer;
  try {
    const text = readFileSync(file, 'utf8').trim();
    if (!/^[A-Z2-7]+=*$/i.test(text)) throw new Error('not a base 32 seed');
    seed = base32Decode(text);
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ? `cannot be read (${(e as NodeJS.ErrnoException).code})` : 'does not hold a base 32 seed (Base32StringSeed)';
    io.err(`rolegate mfa: ${file} ${why}\n`);
    return 1;
  }
  const now = totpStep(io.now());
  const codes: string[] = [];
  for (let k = 0; k < count; k++) codes.push(totpCode(seed, now + step + k));
  io.out(`${codes.join(' ')}\n`);
  return 0;
}
