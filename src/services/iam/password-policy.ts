// The account password policy as AWS answers it, and its lookup with AWS's NoSuchEntity message.
import type { PasswordPolicy } from '../../generated/iam/shapes.js';
import { NoSuchEntityException } from '../../generated/iam/errors.js';
import type { PasswordPolicyRecord, StoreTables } from '../../store/types.js';

/** ExpirePasswords is derived: true when MaxPasswordAge is set. HardExpiry appears once it was given. */
export function passwordPolicyShape(p: PasswordPolicyRecord): PasswordPolicy {
  return {
    MinimumPasswordLength: p.minimumPasswordLength,
    RequireSymbols: p.requireSymbols,
    RequireNumbers: p.requireNumbers,
    RequireUppercaseCharacters: p.requireUppercaseCharacters,
    RequireLowercaseCharacters: p.requireLowercaseCharacters,
    AllowUsersToChangePassword: p.allowUsersToChangePassword,
    ExpirePasswords: p.maxPasswordAge !== undefined,
    ...(p.maxPasswordAge !== undefined ? { MaxPasswordAge: p.maxPasswordAge } : {}),
    ...(p.passwordReusePrevention !== undefined ? { PasswordReusePrevention: p.passwordReusePrevention } : {}),
    ...(p.hardExpiry !== undefined ? { HardExpiry: p.hardExpiry } : {}),
  };
}

export async function requirePasswordPolicy(t: StoreTables, account: string): Promise<PasswordPolicyRecord> {
  const p = await t.accountSettings.getPasswordPolicy(account);
  if (!p) throw new NoSuchEntityException(`The Password Policy with domain name ${account} cannot be found.`);
  return p;
}
