import type { CreateRoleRequest, CreateRoleResponse } from '../../generated/iam/shapes.js';
import { EntityAlreadyExistsException, LimitExceededException } from '../../generated/iam/errors.js';
import type { Handler } from '../types.js';
import { roleArn } from '../../directory/arns.js';
import { checkBoundary } from './boundaries.js';
import { checkDocumentWithin } from './documents.js';
import { uniqueId } from '../../shared/ids.js';
import { limits } from './limits.js';
import { roleCreatedShape } from './roles.js';
import { refuseServiceLinkedPath } from './service-linked.js';
import { checkNewTags } from './tags.js';
import { resolveTrustPrincipals } from './trust-principals.js';

export const CreateRole: Handler<CreateRoleRequest, CreateRoleResponse> = async (input, ctx) => {
  const path = input.Path ?? '/';
  refuseServiceLinkedPath(path);
  checkDocumentWithin(input.AssumeRolePolicyDocument, 'trust', ctx.partition, limits.trustPolicySize, 'ACLSizePerRole');
  const tags = checkNewTags(input.Tags);
  return ctx.store.transaction(async (t) => {
    const trust = await resolveTrustPrincipals(t, input.AssumeRolePolicyDocument, ctx.partition);
    if (await t.roles.get(ctx.accountId, input.RoleName)) {
      throw new EntityAlreadyExistsException(`Role with name ${input.RoleName} already exists.`);
    }
    if ((await t.roles.count(ctx.accountId)) >= limits.rolesPerAccount) {
      throw new LimitExceededException(`Cannot exceed quota for RolesPerAccount: ${limits.rolesPerAccount}`);
    }
    const boundary = input.PermissionsBoundary ? await checkBoundary(t, ctx.accountId, input.PermissionsBoundary) : undefined;
    const role = {
      name: input.RoleName,
      id: uniqueId('AROA'),
      path,
      arn: roleArn(ctx.accountId, path, input.RoleName),
      createDate: ctx.now.toISOString(),
      assumeRolePolicyDocument: trust.stored,
      ...(input.Description !== undefined ? { description: input.Description } : {}),
      maxSessionDuration: input.MaxSessionDuration ?? 3600,
      ...(boundary ? { permissionsBoundary: boundary } : {}),
      tags,
    };
    await t.roles.create(ctx.accountId, role);
    return { Role: roleCreatedShape({ ...role, assumeRolePolicyDocument: trust.shown }) };
  });
};
