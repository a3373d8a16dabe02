// Account aliases through @aws-sdk/client-iam: AWS's pattern and length, one alias per account (a
// new one replaces the old), uniqueness across the accounts rolegate holds, and the listing.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateAccountAliasCommand, DeleteAccountAliasCommand, ListAccountAliasesCommand } from '@aws-sdk/client-iam';
import { useRolegate } from '../../support/server.js';
import { rejectsWith } from '../../support/errors.js';

const OTHER = '444455556666';
const rg = useRolegate({ env: { ROLEGATE_ACCOUNTS: OTHER } });

function otherRoot() {
  const m = /account 444455556666 \(shown once\)\n\s+AWS_ACCESS_KEY_ID=(\S+)\n\s+AWS_SECRET_ACCESS_KEY=(\S+)/.exec(rg.server.printed)!;
  return rg.server.iam({ accessKeyId: m[1], secretAccessKey: m[2] });
}

describe('account aliases', () => {
  test('ListAccountAliases of a fresh account answers an empty list, not truncated', async () => {
    const r = await rg.iam.send(new ListAccountAliasesCommand({}));
    assert.deepEqual(r.AccountAliases, []);
    assert.equal(r.IsTruncated, false);
  });

  test('CreateAccountAlias sets the alias; a second one replaces it; the same one again is accepted', async () => {
    await rg.iam.send(new CreateAccountAliasCommand({ AccountAlias: 'example-corp' }));
    assert.deepEqual((await rg.iam.send(new ListAccountAliasesCommand({}))).AccountAliases, ['example-corp']);
    await rg.iam.send(new CreateAccountAliasCommand({ AccountAlias: 'example-corp-2' }));
    await rg.iam.send(new CreateAccountAliasCommand({ AccountAlias: 'example-corp-2' }));
    assert.deepEqual((await rg.iam.send(new ListAccountAliasesCommand({}))).AccountAliases, ['example-corp-2']);
  });

  test("an alias another account holds answers EntityAlreadyExists (409); the old one is free once replaced", async () => {
    await rg.iam.send(new CreateAccountAliasCommand({ AccountAlias: 'taken' }));
    const other = otherRoot();
    await rejectsWith(other.send(new CreateAccountAliasCommand({ AccountAlias: 'taken' })), 'EntityAlreadyExistsException', 409, 'The account alias taken already exists.');
    assert.deepEqual((await other.send(new ListAccountAliasesCommand({}))).AccountAliases, []);
    await rg.iam.send(new CreateAccountAliasCommand({ AccountAlias: 'mine-now' }));
    await other.send(new CreateAccountAliasCommand({ AccountAlias: 'taken' }));
    assert.deepEqual((await other.send(new ListAccountAliasesCommand({}))).AccountAliases, ['taken']);
    await other.send(new DeleteAccountAliasCommand({ AccountAlias: 'taken' }));
  });

  test('aliases outside the pattern or length answer ValidationError (400)', async () => {
    for (const bad of ['ab', 'a'.repeat(64), 'Upper-case', '-leading', 'trailing-', 'double--dash', 'under_score']) {
      await rejectsWith(rg.iam.send(new CreateAccountAliasCommand({ AccountAlias: bad })), 'ValidationError', 400, /accountAlias/);
    }
    await rg.iam.send(new CreateAccountAliasCommand({ AccountAlias: 'a'.repeat(63) }));
    await rg.iam.send(new CreateAccountAliasCommand({ AccountAlias: '0a1' }));
  });

  test('DeleteAccountAlias removes it; an alias the account does not have answers NoSuchEntity (404)', async () => {
    await rg.iam.send(new CreateAccountAliasCommand({ AccountAlias: 'example-corp' }));
    await rejectsWith(rg.iam.send(new DeleteAccountAliasCommand({ AccountAlias: 'other-name' })), 'NoSuchEntityException', 404, 'The account alias other-name cannot be found.');
    await rg.iam.send(new DeleteAccountAliasCommand({ AccountAlias: 'example-corp' }));
    assert.deepEqual((await rg.iam.send(new ListAccountAliasesCommand({}))).AccountAliases, []);
    await rejectsWith(rg.iam.send(new DeleteAccountAliasCommand({ AccountAlias: 'example-corp' })), 'NoSuchEntityException', 404);
  });

  test('ListAccountAliases pages with MaxItems and Marker', async () => {
    await rg.iam.send(new CreateAccountAliasCommand({ AccountAlias: 'example-corp' }));
    const first = await rg.iam.send(new ListAccountAliasesCommand({ MaxItems: 1 }));
    assert.deepEqual(first.AccountAliases, ['example-corp']);
    assert.equal(first.IsTruncated, false);
    await rejectsWith(rg.iam.send(new ListAccountAliasesCommand({ MaxItems: 0 })), 'ValidationError', 400, /maxItems/);
  });
});
