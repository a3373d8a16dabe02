// Binds the user and role ARNs of policies saved before rolegate kept principals by unique id, for
// the migrations that bring such data folders up to date: each ARN naming an existing user or role
// of an account the database holds becomes that principal's id, as a save does today
// (src/directory/principal-binding.ts). An ARN naming nobody at migration time is kept as written:
// the id it had when saved is not known, so it goes on matching by name.
import type Database from 'better-sqlite3';
import { awsPrincipalValues, entityPrincipal, replacePrincipalValues } from '../../policy/grammar/principal-values.js';

/** A function binding one policy text with the database's entities as they are now. */
export function storedPrincipalBinder(db: Database.Database): (text: string) => string {
  const accounts = new Set(db.prepare('SELECT id FROM accounts').pluck().all() as string[]);
  const find = db.prepare('SELECT id, data FROM entities WHERE account_id = ? AND kind = ? AND name_key = ?');
  return (text) => {
    const values = awsPrincipalValues(text);
    const edits = new Map<string, string>();
    for (const { value } of values) {
      const named = entityPrincipal(value);
      if (!named || !accounts.has(named.account) || edits.has(value)) continue;
      const row = find.get(named.account, named.kind, named.name.toLowerCase()) as { id: string; data: string } | undefined;
      if (row && (JSON.parse(row.data) as { arn: string }).arn === value) edits.set(value, row.id);
    }
    return replacePrincipalValues(text, values, edits);
  };
}
