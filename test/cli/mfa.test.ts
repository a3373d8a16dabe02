// `rolegate mfa code`: RFC 6238's SHA-1 test vectors through the command, its flags and its refusals.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/mfa.js';

// RFC 6238 appendix B: the seed "12345678901234567890" (base 32 below); at 59 s the code is 94287082 (6 digits: 287082),
// at 1111111109 s 07081804 (081804), at 1111111111 s 14050471 (050471).
const SEED = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

function run(args: string[], nowMs: number) {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(args, { out: (t) => out.push(t), err: (t) => err.push(t), now: () => nowMs });
  return { code, out: out.join(''), err: err.join('') };
}

function seedFile(text: string): { file: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'rolegate-mfa-'));
  const file = join(dir, 'seed.txt');
  writeFileSync(file, text);
  return { file, done: () => rmSync(dir, { recursive: true, force: true }) };
}

it('prints the current code of the seed, as RFC 6238 computes it', () => {
  const s = seedFile(`${SEED}\n`);
  try {
    assert.deepEqual(run(['code', s.file], 59_000), { code: 0, out: '287082\n', err: '' });
    assert.equal(run(['code', s.file], 1_111_111_109_000).out, '081804\n');
    assert.equal(run(['code', s.file], 1_111_111_111_000).out, '050471\n');
  } finally {
    s.done();
  }
});

it('--step and --count give consecutive codes on one line, counted from the current step', () => {
  const s = seedFile(SEED.toLowerCase());
  try {
    // 1111111111 s is step 37037037; 1111111109 s is step 37037036.
    assert.equal(run(['code', s.file, '--step', '-1', '--count', '2'], 1_111_111_111_000).out, '081804 050471\n');
    assert.equal(run(['code', s.file, '--step', '1'], 1_111_111_109_000).out, '050471\n');
  } finally {
    s.done();
  }
});

it('refuses a missing file, a file without a base 32 seed, and bad flags, without printing the seed', () => {
  const s = seedFile('not a seed!');
  try {
    const missing = run(['code', join(tmpdir(), 'rolegate-no-such-seed')], 0);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /cannot be read \(ENOENT\)/);
    const bad = run(['code', s.file], 0);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /does not hold a base 32 seed/);
    assert.doesNotMatch(bad.err, /not a seed!/);
    for (const args of [['code'], ['code', s.file, '--step'], ['code', s.file, '--step', 'x'], ['code', s.file, '--count', '0'], ['code', s.file, '--count', '11'], ['code', s.file, 'extra'], ['code', s.file, '--seed', SEED]]) {
      const r = run(args, 0);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, /usage: rolegate mfa code/);
      assert.equal(r.out, '');
    }
    assert.equal(run(['nope'], 0).code, 2);
  } finally {
    s.done();
  }
});
