// README.md's configuration table against the server's own list of flags: every flag and the
// environment variable it sets are documented, on one row, and the table names no setting the
// server does not read.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { FLAGS } from '../src/config.js';

const readme = readFileSync('README.md', 'utf8');
const table = readme.slice(readme.indexOf('## Configuration'));
const rows = table.split('\n').filter((l) => l.startsWith('| `ROLEGATE_'));

it('documents every flag with its environment variable on one row of the configuration table', () => {
  for (const [flag, env] of Object.entries(FLAGS)) {
    const row = rows.find((r) => r.split('|')[1]!.includes(`\`${env}\``));
    assert.ok(row, `${env} has a row`);
    assert.ok(row.split('|')[2]!.includes(`\`${flag}\``), `${env}'s row names ${flag}`);
  }
});

it('lists no environment variable the server does not read', () => {
  const known = new Set([...Object.values(FLAGS), 'ROLEGATE_MASTER_KEY', 'ROLEGATE_ALLOW_RESET']);
  for (const r of rows) {
    for (const m of r.split('|')[1]!.matchAll(/`(ROLEGATE_[A-Z0-9_]+)`/g)) assert.ok(known.has(m[1]!), `${m[1]} is read by src/config.ts`);
  }
  // The two without a value flag: the master key (a command line is visible in `ps`) and --allow-reset, a switch.
  const config = readFileSync('src/config.ts', 'utf8');
  assert.match(config, /values\.ROLEGATE_MASTER_KEY\b/);
  assert.match(config, /values\.ROLEGATE_ALLOW_RESET ===/);
});
