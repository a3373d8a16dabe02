// Handlers for users' passwords, SSH public keys and service-specific credentials and the account's password policy, alias and
// credential report; the IAM handler table (index.ts) spreads this object into itself.
import { ChangePassword } from './ChangePassword.js';
import { CreateAccountAlias } from './CreateAccountAlias.js';
import { CreateLoginProfile } from './CreateLoginProfile.js';
import { CreateServiceSpecificCredential } from './CreateServiceSpecificCredential.js';
import { DeleteAccountAlias } from './DeleteAccountAlias.js';
import { DeleteAccountPasswordPolicy } from './DeleteAccountPasswordPolicy.js';
import { DeleteLoginProfile } from './DeleteLoginProfile.js';
import { DeleteSSHPublicKey } from './DeleteSSHPublicKey.js';
import { DeleteServiceSpecificCredential } from './DeleteServiceSpecificCredential.js';
import { GenerateCredentialReport } from './GenerateCredentialReport.js';
import { GetAccountPasswordPolicy } from './GetAccountPasswordPolicy.js';
import { GetCredentialReport } from './GetCredentialReport.js';
import { GetLoginProfile } from './GetLoginProfile.js';
import { GetSSHPublicKey } from './GetSSHPublicKey.js';
import { ListAccountAliases } from './ListAccountAliases.js';
import { ListSSHPublicKeys } from './ListSSHPublicKeys.js';
import { ListServiceSpecificCredentials } from './ListServiceSpecificCredentials.js';
import { ResetServiceSpecificCredential } from './ResetServiceSpecificCredential.js';
import { UpdateAccountPasswordPolicy } from './UpdateAccountPasswordPolicy.js';
import { UpdateLoginProfile } from './UpdateLoginProfile.js';
import { UpdateSSHPublicKey } from './UpdateSSHPublicKey.js';
import { UpdateServiceSpecificCredential } from './UpdateServiceSpecificCredential.js';
import { UploadSSHPublicKey } from './UploadSSHPublicKey.js';

export const credentialHandlers = {
  ChangePassword,
  CreateAccountAlias,
  CreateLoginProfile,
  CreateServiceSpecificCredential,
  DeleteAccountAlias,
  DeleteAccountPasswordPolicy,
  DeleteLoginProfile,
  DeleteSSHPublicKey,
  DeleteServiceSpecificCredential,
  GenerateCredentialReport,
  GetAccountPasswordPolicy,
  GetCredentialReport,
  GetLoginProfile,
  GetSSHPublicKey,
  ListAccountAliases,
  ListSSHPublicKeys,
  ListServiceSpecificCredentials,
  ResetServiceSpecificCredential,
  UpdateAccountPasswordPolicy,
  UpdateLoginProfile,
  UpdateSSHPublicKey,
  UpdateServiceSpecificCredential,
  UploadSSHPublicKey,
};
