// Secrets at rest, in-process (so the mutation run sees them): the master key's format, where it is
// read from and the warnings that go with it, the data folder's key file (mode 0600, never
// overwritten), and the sealer (AES-256-GCM: a random IV each time, authenticated, bound to its key).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createMasterKey, createSealer, dataKeyFile, decodeMasterKey, MasterKeyError, MASTER_KEY_FORMAT, opens, readMasterKey } from '../../src/auth/secrets.js';

const folder = () => mkdtempSync(join(tmpdir(), 'rolegate-secrets-'));
const KEY = Buffer.alloc(32, 7);

test('decodeMasterKey takes exactly 32 bytes of standard base64, padded or not, around whitespace', () => {
  const b64 = KEY.toString('base64');
  assert.equal(b64.length, 44);
  assert.deepEqual(decodeMasterKey(b64), KEY);
  assert.deepEqual(decodeMasterKey(`  ${b64}\n`), KEY);
  assert.deepEqual(decodeMasterKey(b64.replace(/=$/, '')), KEY, 'unpadded');
  assert.equal(decodeMasterKey(Buffer.alloc(31, 1).toString('base64')), undefined, '31 bytes');
  assert.equal(decodeMasterKey(Buffer.alloc(33, 1).toString('base64')), undefined, '33 bytes');
  const plusSlash = Buffer.alloc(32, 0xfb);
  assert.match(plusSlash.toString('base64'), /[+/]/);
  assert.deepEqual(decodeMasterKey(plusSlash.toString('base64')), plusSlash);
  assert.equal(decodeMasterKey(plusSlash.toString('base64url')), undefined, 'base64url (- and _) is not what openssl prints');
  assert.equal(decodeMasterKey(`${b64.slice(0, 20)} ${b64.slice(21)}`), undefined, 'a space inside');
  assert.equal(decodeMasterKey(''), undefined);
  assert.equal(decodeMasterKey(KEY.toString('hex')), undefined, 'hex');
});

test('createMasterKey writes the key in base64 with mode 0600 and never overwrites one', () => {
  const dir = folder();
  try {
    const made = createMasterKey(dir);
    assert.equal(made.created, true);
    assert.equal(made.source, dataKeyFile(dir));
    assert.deepEqual(made.warnings, []);
    assert.equal(made.key.length, 32);
    const file = dataKeyFile(dir);
    assert.equal(file, join(dir, 'master.key'));
    assert.equal(readFileSync(file, 'utf8'), `${made.key.toString('base64')}\n`);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.throws(() => createMasterKey(dir), (e: NodeJS.ErrnoException) => e.code === 'EEXIST');
    assert.equal(readFileSync(file, 'utf8'), `${made.key.toString('base64')}\n`, 'the first key is kept');
    assert.notDeepEqual(createMasterKey(folder()).key, made.key, 'each new key is random');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('readMasterKey: none yet, the data folder\'s key, or the one given from outside (which wins, with a warning about the other)', () => {
  const dir = folder();
  try {
    assert.equal(readMasterKey(dir, {}), undefined, 'a fresh folder has no key: the caller decides whether to make one');
    const made = createMasterKey(dir);
    const inData = readMasterKey(dir, {})!;
    assert.deepEqual(inData.key, made.key);
    assert.equal(inData.source, dataKeyFile(dir));
    assert.equal(inData.created, false);
    assert.deepEqual(inData.warnings, []);

    const given = readMasterKey(dir, { key: KEY })!;
    assert.deepEqual(given.key, KEY);
    assert.equal(given.source, 'ROLEGATE_MASTER_KEY');
    assert.equal(given.warnings.length, 1);
    assert.match(given.warnings[0]!, /master\.key is not used, as the master key is given by ROLEGATE_MASTER_KEY/);
    assert.ok(!given.warnings[0]!.includes(KEY.toString('base64')), 'no key in a warning');

    const file = join(folder(), 'key');
    writeFileSync(file, KEY.toString('base64'), { mode: 0o600 });
    const fromFile = readMasterKey(dir, { keyFile: file })!;
    assert.deepEqual(fromFile.key, KEY);
    assert.equal(fromFile.source, file);
    assert.deepEqual(fromFile.warnings.map((w) => /ROLEGATE_MASTER_KEY_FILE/.test(w)), [true]);
    // The option wins over a key file too.
    assert.equal(readMasterKey(dir, { key: made.key, keyFile: file })!.source, 'ROLEGATE_MASTER_KEY');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a key file other users can read is used, with a warning that names its mode and the fix', () => {
  const dir = folder();
  try {
    const file = join(dir, 'shared.key');
    writeFileSync(file, `${KEY.toString('base64')}\n`);
    chmodSync(file, 0o644);
    const k = readMasterKey(join(dir, 'data'), { keyFile: file })!;
    assert.deepEqual(k.key, KEY);
    assert.equal(k.warnings.length, 1);
    assert.match(k.warnings[0]!, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} can be read by other users \\(mode 0644\\).*chmod 600`));
    chmodSync(file, 0o640);
    assert.match(readMasterKey(join(dir, 'data'), { keyFile: file })!.warnings[0]!, /mode 0640/);
    chmodSync(file, 0o600);
    assert.deepEqual(readMasterKey(join(dir, 'data'), { keyFile: file })!.warnings, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an unreadable or malformed key file is a MasterKeyError naming the file, never its contents', () => {
  const dir = folder();
  try {
    const missing = join(dir, 'nope.key');
    assert.throws(() => readMasterKey(dir, { keyFile: missing }), (e: unknown) =>
      e instanceof MasterKeyError && e.message === `the master key file ${missing} cannot be read (ENOENT)`);
    const bad = join(dir, 'bad.key');
    const secretLooking = 'c2VjcmV0LXRoYXQtaXMtbm90LTMyLWJ5dGVz';
    writeFileSync(bad, secretLooking, { mode: 0o600 });
    assert.throws(() => readMasterKey(dir, { keyFile: bad }), (e: unknown) =>
      e instanceof MasterKeyError && e.message === `the master key file ${bad} does not hold ${MASTER_KEY_FORMAT}` && !e.message.includes(secretLooking));
    // A damaged master.key in the data folder is refused the same way, not replaced.
    writeFileSync(dataKeyFile(dir), 'not a key\n', { mode: 0o600 });
    assert.throws(() => readMasterKey(dir, {}), MasterKeyError);
    assert.equal(readFileSync(dataKeyFile(dir), 'utf8'), 'not a key\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the sealer: round trip, a fresh IV each time, bound to its key and refusing any change', () => {
  const sealer = createSealer(KEY);
  const plain = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY — ключ ✓';
  const a = sealer.seal(plain);
  const b = sealer.seal(plain);
  assert.match(a, /^v1\.[A-Za-z0-9+/]+=*$/);
  assert.notEqual(a, b, 'a random IV: the same secret seals differently each time');
  assert.ok(!a.includes(plain) && !Buffer.from(a.slice(3), 'base64').toString('utf8').includes('wJalrXUtnFEMI'), 'nothing in clear');
  assert.equal(sealer.open(a), plain);
  assert.equal(sealer.open(b), plain);
  const raw = Buffer.from(a.slice(3), 'base64');
  assert.equal(raw.length, 12 + 16 + Buffer.byteLength(plain), 'IV, tag, ciphertext');
  assert.equal(sealer.open(sealer.seal('')), '');

  // Another key does not open it.
  assert.throws(() => createSealer(Buffer.alloc(32, 8)).open(a));
  assert.equal(opens(KEY, a), true);
  assert.equal(opens(Buffer.alloc(32, 8), a), false);
  assert.equal(opens(randomBytes(32), a), false);
  // Any changed byte — IV, tag or ciphertext — is refused by the authentication check.
  for (const at of [0, 11, 12, 27, 28, raw.length - 1]) {
    const changed = Buffer.from(raw);
    changed[at]! ^= 0x01;
    assert.throws(() => sealer.open(`v1.${changed.toString('base64')}`), Error, `byte ${at}`);
    assert.equal(opens(KEY, `v1.${changed.toString('base64')}`), false);
  }
  // Cut short, or in another format.
  assert.throws(() => sealer.open(`v1.${raw.subarray(0, raw.length - 1).toString('base64')}`));
  assert.throws(() => sealer.open(`v1.${raw.subarray(0, 20).toString('base64')}`));
  assert.throws(() => sealer.open(`v2.${raw.toString('base64')}`), /unknown sealed secret format/);
  assert.throws(() => sealer.open(raw.toString('base64')), /unknown sealed secret format/);
  assert.equal(opens(KEY, 'plain text'), false);
});

test('decodeMasterKey refuses base64 with anything before or after it', () => {
  const b64 = KEY.toString('base64');
  for (const text of [`#${b64}`, `${b64}#`, `x${b64.slice(0, 43)}`, `${b64}=`, `${b64.slice(0, 43)}A`]) {
    assert.equal(decodeMasterKey(text), undefined, text);
  }
});

test("a malformed key's error says what a master key is, in words", () => {
  assert.equal(MASTER_KEY_FORMAT, 'a 256-bit key in base64 (32 bytes, 44 characters; `openssl rand -base64 32` makes one)');
  const dir = folder();
  try {
    writeFileSync(dataKeyFile(dir), 'not a key\n', { mode: 0o600 });
    assert.throws(() => readMasterKey(dir, {}), (e: unknown) =>
      e instanceof MasterKeyError && e.message === `the master key file ${dataKeyFile(dir)} does not hold a 256-bit key in base64 (32 bytes, 44 characters; \`openssl rand -base64 32\` makes one)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a key given from outside, by value or by file, is never reported as made just now', () => {
  const dir = folder();
  try {
    const file = join(dir, 'given.key');
    writeFileSync(file, KEY.toString('base64'), { mode: 0o600 });
    assert.equal(readMasterKey(dir, { key: KEY })!.created, false);
    assert.equal(readMasterKey(dir, { keyFile: file })!.created, false);
    assert.deepEqual(readMasterKey(dir, { keyFile: file })!.warnings, [], 'no master.key beside the data, a private file: no warning');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
