import type { CreatePolicyVersionRequest, CreatePolicyVersionResponse } from '../../generated/iam/shapes.js';
import { LimitExceededException } from '../../generated/iam/errors.js';
import type { Handler } from '../types.js';
import { checkDocumentWithin } from './documents.js';
import { limits } from './limits.js';
import { requireLocalPolicy } from './local-policies.js';
import { versionShape } from './policies.js';

export const CreatePolicyVersion: Handler<CreatePolicyVersionRequest, CreatePolicyVersionResponse> = async (input, ctx) => {
  checkDocumentWithin(input.PolicyDocument, 'identity', ctx.partition, limits.managedPolicySize, 'PolicySize', true);
  return ctx.store.transaction(async (t) => {
    const p = await requireLocalPolicy(t, ctx, input.PolicyArn, 'iam:CreatePolicyVersion');
    if (p.versions.length >= limits.versionsPerPolicy) {
      throw new LimitExceededException(
        `A managed policy can have up to ${limits.versionsPerPolicy} versions. Before you create a new version, you must delete an existing version.`,
      );
    }
    const versionId = `v${p.nextVersion}`;
    const now = ctx.now.toISOString();
    p.versions.push({ versionId, document: input.PolicyDocument, createDate: now });
    p.nextVersion++;
    if (input.SetAsDefault) {
      p.defaultVersionId = versionId;
      p.updateDate = now;
    }
    await t.policies.put(ctx.accountId, p);
    return { PolicyVersion: versionShape(p, versionId, false) };
  });
};
