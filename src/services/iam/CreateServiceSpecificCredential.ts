import type { CreateServiceSpecificCredentialRequest, CreateServiceSpecificCredentialResponse } from '../../generated/iam/shapes.js';
import { InvalidInputException, LimitExceededException } from '../../generated/iam/errors.js';
import type { ServiceSpecificCredentialRecord } from '../../store/types.js';
import { uniqueId } from '../../shared/ids.js';
import type { Handler } from '../types.js';
import { requireUser } from './lookups.js';
import { credentialKind, credentialName, credentialsPerUserPerService, issueSecret, serviceCredentialWithSecret } from './service-credentials.js';

// The secret is answered once and stored only sealed with the server's master key.
export const CreateServiceSpecificCredential: Handler<CreateServiceSpecificCredentialRequest, CreateServiceSpecificCredentialResponse> = async (input, ctx) =>
  ctx.store.transaction(async (t) => {
    const user = await requireUser(t, ctx.accountId, input.UserName);
    const kind = credentialKind(input.ServiceName);
    // CredentialAgeDays is "only valid for Bedrock and CloudWatch Logs API keys" (IAM API Reference).
    if (input.CredentialAgeDays !== undefined && kind !== 'api-key') {
      throw new InvalidInputException('CredentialAgeDays is only valid for Bedrock and CloudWatch Logs API keys.');
    }
    const existing = (await t.serviceSpecificCredentials.forUser(ctx.accountId, user.name)).filter((c) => c.serviceName === input.ServiceName);
    if (existing.length >= credentialsPerUserPerService) {
      throw new LimitExceededException(`Cannot exceed quota for ServiceSpecificCredentialsPerUser: ${credentialsPerUserPerService}`);
    }
    const name = credentialName(user.name, ctx.accountId, existing);
    const secret = issueSecret(input.ServiceName, name);
    const c: ServiceSpecificCredentialRecord = {
      id: uniqueId('ACCA'), accountId: ctx.accountId, userName: user.name, serviceName: input.ServiceName,
      ...(kind === 'password' ? { serviceUserName: name } : { serviceCredentialAlias: name }),
      secretSealed: ctx.sealer.seal(secret), status: 'Active', createDate: ctx.now.toISOString(),
      ...(input.CredentialAgeDays !== undefined
        ? { expirationDate: new Date(ctx.now.getTime() + input.CredentialAgeDays * 86_400_000).toISOString() } : {}),
    };
    await t.serviceSpecificCredentials.put(c);
    return { ServiceSpecificCredential: serviceCredentialWithSecret(c, secret, ctx.now) };
  });
