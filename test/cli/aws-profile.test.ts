// The AWS CLI profile writer: one section replaced or added, every other byte of the files kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lstatSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { profileFiles, replaceSection, writeProfile } from '../../src/cli/aws-profile.js';

const SECTION = ['[profile rg]', 'region = us-east-1', 'endpoint_url = http://127.0.0.1:4577'];
const BLOCK = SECTION.join('\n') + '\n';

test('a section that is not there is appended after a blank line; an empty file gets the section alone', () => {
  assert.equal(replaceSection('', ['profile rg'], SECTION), BLOCK);
  assert.equal(replaceSection('[default]\nregion = eu-west-1\n', ['profile rg'], SECTION), `[default]\nregion = eu-west-1\n\n${BLOCK}`);
  assert.equal(replaceSection('[default]\nregion = eu-west-1', ['profile rg'], SECTION), `[default]\nregion = eu-west-1\n\n${BLOCK}`);
  assert.equal(replaceSection('[default]\nregion = eu-west-1\n\n', ['profile rg'], SECTION), `[default]\nregion = eu-west-1\n\n${BLOCK}`);
});

test('a section in the middle is replaced in place; the comments and blank lines before the next header stay', () => {
  const before = '# my settings\n[default]\nregion = eu-west-1\n\n';
  const after = '\n# the work account\n[profile work]\nregion = us-west-2\nsso_session = x\n';
  const old = '[profile rg]\nregion = ap-south-1\noutput = text\n  ; an indented comment in it\nendpoint_url = http://old:1\n';
  assert.equal(replaceSection(before + old + after, ['profile rg'], SECTION), before + BLOCK + after);
});

test('the last section is replaced even without a final line break; headers match as botocore reads them', () => {
  assert.equal(replaceSection('[a]\nx = 1\n[profile rg]\nregion = x', ['profile rg'], SECTION), `[a]\nx = 1\n${BLOCK}`);
  assert.equal(replaceSection('[  profile   rg ]  # old\nregion = x\n[b]\n', ['profile rg'], SECTION), `${BLOCK}[b]\n`);
  // Another profile whose name only starts the same is not touched.
  assert.equal(replaceSection('[profile rg2]\nregion = x\n', ['profile rg'], SECTION), `[profile rg2]\nregion = x\n\n${BLOCK}`);
  // A duplicate section (botocore refuses to read one) leaves a single section.
  assert.equal(replaceSection('[profile rg]\nregion = a\n[x]\n[profile rg]\nregion = b\n', ['profile rg'], SECTION), `${BLOCK}[x]\n`);
});

test('a file written with CRLF line endings gets the new section in CRLF', () => {
  const text = '[default]\r\nregion = eu-west-1\r\n';
  assert.equal(replaceSection(text, ['profile rg'], SECTION), `${text}\r\n${SECTION.join('\r\n')}\r\n`);
});

test('writeProfile writes both files, credentials 0600, keeps a symbolic link, and replaces its own sections on a second run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rolegate-profile-unit-'));
  try {
    const files = profileFiles({ AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'link') });
    assert.deepEqual(files, { config: join(dir, 'config'), credentials: join(dir, 'link') });
    writeFileSync(join(dir, 'creds'), '[default]\naws_access_key_id = AKIADEFAULT\n', { mode: 0o644 });
    symlinkSync(join(dir, 'creds'), join(dir, 'link'));
    const p = { name: 'rg', region: 'us-east-1', endpointUrl: 'http://127.0.0.1:4577', accessKeyId: 'AKIAONE', secretAccessKey: 'one' };
    writeProfile(files, p);
    writeProfile(files, { ...p, accessKeyId: 'AKIATWO', secretAccessKey: 'two' });
    assert.equal(readFileSync(join(dir, 'config'), 'utf8'), BLOCK);
    assert.equal(readFileSync(join(dir, 'creds'), 'utf8'), '[default]\naws_access_key_id = AKIADEFAULT\n\n[rg]\naws_access_key_id = AKIATWO\naws_secret_access_key = two\n');
    assert.ok(lstatSync(join(dir, 'link')).isSymbolicLink(), 'the link still points at the file');
    assert.equal(statSync(join(dir, 'creds')).mode & 0o777, 0o600);
    writeProfile(files, { ...p, name: 'default' });
    assert.equal(readFileSync(join(dir, 'config'), 'utf8'), `${BLOCK}\n[default]\nregion = us-east-1\nendpoint_url = http://127.0.0.1:4577\n`);
    assert.throws(() => writeProfile(files, { ...p, name: 'bad]name' }), /profile name "bad\]name"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
