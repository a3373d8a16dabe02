// Access key ids carry their account in AWS's layout (bits 7–46 of the first six bytes of the
// base-32 body), so GetAccessKeyInfo reads the account from rolegate's and AWS's ids alike.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { accessKeyId, accountOfAccessKeyId } from '../../src/shared/ids.js';

test('an issued key id has AWS form and carries its account, for any 12-digit account', () => {
  fc.assert(
    fc.property(fc.bigInt(0n, 999_999_999_999n), fc.constantFrom('AKIA' as const, 'ASIA' as const), (n, prefix) => {
      const account = n.toString().padStart(12, '0');
      const id = accessKeyId(prefix, account);
      assert.match(id, new RegExp(`^${prefix}[A-Z2-7]{16}$`));
      assert.equal(accountOfAccessKeyId(id), account);
    }),
  );
});

test('a key id issued by AWS reads as its account', () => {
  assert.equal(accountOfAccessKeyId('ASIAQNZGKIQY56JQ7WML'), '029608264753');
});

test('ids not in the AKIA/ASIA form carry no account', () => {
  assert.equal(accountOfAccessKeyId('AROAQNZGKIQY56JQ7WML'), undefined);
  assert.equal(accountOfAccessKeyId('AKIA0000000000000000'), undefined);
  assert.equal(accountOfAccessKeyId('AKIAQNZGKIQY56JQ7WM'), undefined);
});

test('two ids for the same account differ (the rest is random)', () => {
  const ids = new Set(Array.from({ length: 1000 }, () => accessKeyId('AKIA', '111122223333')));
  assert.equal(ids.size, 1000);
});
