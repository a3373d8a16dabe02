// Configuration of HTTPS and the access log: the environment and the flags that mirror it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from '../src/config.js';

test('without TLS variables the port speaks plain HTTP and the access log is off', () => {
  const c = loadConfig([], {});
  assert.equal(c.tls, undefined);
  assert.equal(c.accessLog, undefined);
});

test('ROLEGATE_TLS_CERT and ROLEGATE_TLS_KEY, or --tls-cert and --tls-key, name PEM files resolved from the working folder', () => {
  assert.deepEqual(loadConfig([], { ROLEGATE_TLS_CERT: 'c.pem', ROLEGATE_TLS_KEY: 'k.pem' }).tls, { kind: 'files', certFile: resolve('c.pem'), keyFile: resolve('k.pem') });
  assert.deepEqual(loadConfig(['--tls-cert', '/etc/c.pem', '--tls-key=/etc/k.pem'], {}).tls, { kind: 'files', certFile: '/etc/c.pem', keyFile: '/etc/k.pem' });
});

test('ROLEGATE_TLS=self-signed, or --tls self-signed', () => {
  assert.deepEqual(loadConfig([], { ROLEGATE_TLS: 'self-signed' }).tls, { kind: 'self-signed' });
  assert.deepEqual(loadConfig(['--tls', 'self-signed'], {}).tls, { kind: 'self-signed' });
});

test('a certificate without its key, another ROLEGATE_TLS, or both kinds at once are configuration errors', () => {
  assert.throws(() => loadConfig(['--tls-cert', 'c.pem'], {}), (e: Error) => e instanceof ConfigError && /set together or not at all/.test(e.message));
  assert.throws(() => loadConfig([], { ROLEGATE_TLS_KEY: 'k.pem' }), ConfigError);
  assert.throws(() => loadConfig([], { ROLEGATE_TLS: 'yes' }), /ROLEGATE_TLS \(--tls\) must be self-signed/);
  assert.throws(() => loadConfig([], { ROLEGATE_TLS: 'self-signed', ROLEGATE_TLS_CERT: 'c', ROLEGATE_TLS_KEY: 'k' }), /give one of them/);
});

test('ROLEGATE_ACCESS_LOG (--access-log) is stderr or a file path', () => {
  assert.equal(loadConfig([], { ROLEGATE_ACCESS_LOG: 'stderr' }).accessLog, 'stderr');
  assert.equal(loadConfig(['--access-log', 'logs/access.log'], {}).accessLog, resolve('logs/access.log'));
});

test('ROLEGATE_ORGANIZATION (--organization) is off by default; on forms the organization of the default account and ROLEGATE_ACCOUNTS, its ids derived from the management account', () => {
  assert.equal(loadConfig([], {}).services.organization, undefined);
  assert.equal(loadConfig([], { ROLEGATE_ORGANIZATION: 'off' }).services.organization, undefined);
  const org = loadConfig([], { ROLEGATE_ORGANIZATION: 'on', ROLEGATE_ACCOUNT_ID: '111122223333', ROLEGATE_ACCOUNTS: '444455556666,777788889999' }).services.organization!;
  assert.match(org.organizationId, /^o-[a-z0-9]{10}$/);
  assert.match(org.rootId, /^r-[a-z0-9]{4}$/);
  assert.equal(org.managementAccountId, '111122223333');
  assert.deepEqual(org.memberAccountIds, ['444455556666', '777788889999']);
  const again = loadConfig(['--organization', 'on', '--account-id', '111122223333'], {}).services.organization!;
  assert.deepEqual([again.organizationId, again.rootId, again.memberAccountIds], [org.organizationId, org.rootId, []], 'the same management account, the same ids');
  const other = loadConfig([], { ROLEGATE_ORGANIZATION: 'on', ROLEGATE_ACCOUNT_ID: '999988887777' }).services.organization!;
  assert.notEqual(other.organizationId, org.organizationId);
  assert.throws(() => loadConfig([], { ROLEGATE_ORGANIZATION: 'yes' }), /ROLEGATE_ORGANIZATION must be on or off/);
});
