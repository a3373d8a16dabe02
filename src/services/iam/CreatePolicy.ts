import type { CreatePolicyRequest, CreatePolicyResponse } from '../../generated/iam/shapes.js';
import { EntityAlreadyExistsException, LimitExceededException } from '../../generated/iam/errors.js';
import type { Handler } from '../types.js';
import { policyArn } from '../../directory/arns.js';
import { checkDocumentWithin } from './documents.js';
import { uniqueId } from '../../shared/ids.js';
import { limits } from './limits.js';
import { policyShape } from './policies.js';
import { checkNewTags } from './tags.js';

export const CreatePolicy: Handler<CreatePolicyRequest, CreatePolicyResponse> = async (input, ctx) => {
  const path = input.Path ?? '/';
  checkDocumentWithin(input.PolicyDocument, 'identity', ctx.partition, limits.managedPolicySize, 'PolicySize', true);
  const tags = checkNewTags(input.Tags);
  return ctx.store.transaction(async (t) => {
    if (await t.policies.get(ctx.accountId, input.PolicyName)) {
      throw new EntityAlreadyExistsException(`A policy called ${input.PolicyName} already exists. Duplicate names are not allowed.`);
    }
    if ((await t.policies.count(ctx.accountId)) >= limits.customerManagedPoliciesPerAccount) {
      throw new LimitExceededException(`Cannot exceed quota for PoliciesPerAccount: ${limits.customerManagedPoliciesPerAccount}`);
    }
    const now = ctx.now.toISOString();
    const policy = {
      name: input.PolicyName, id: uniqueId('ANPA'), path, arn: policyArn(ctx.accountId, path, input.PolicyName),
      createDate: now, updateDate: now, ...(input.Description !== undefined ? { description: input.Description } : {}),
      defaultVersionId: 'v1', tags, versions: [{ versionId: 'v1', document: input.PolicyDocument, createDate: now }], nextVersion: 2,
    };
    await t.policies.create(ctx.accountId, policy);
    const shape = policyShape(policy, { attachments: 0, boundaries: 0 });
    delete shape.Description; // CreatePolicy's answer leaves the description out, as AWS's does.
    return { Policy: shape };
  });
};
