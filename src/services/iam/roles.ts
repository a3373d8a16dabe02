// Roles as IAM returns them.
import type { Role } from '../../generated/iam/shapes.js';
import type { RoleRecord, StoreTables } from '../../store/types.js';
import { showPrincipals } from '../../directory/principal-binding.js';
import { encodeDocument } from './documents.js';
import { attachedBoundary } from './boundaries.js';

/** The role as reads show it: its trust policy's bound principals written as ARNs where they still exist. */
export async function shownRole(t: StoreTables, r: RoleRecord, partition: string): Promise<RoleRecord> {
  const shown = await showPrincipals(t, r.assumeRolePolicyDocument, partition);
  return shown === r.assumeRolePolicyDocument ? r : { ...r, assumeRolePolicyDocument: shown };
}

/** The full form GetRole answers. */
export function roleShape(r: RoleRecord): Role {
  return {
    Path: r.path,
    RoleName: r.name,
    RoleId: r.id,
    Arn: r.arn,
    CreateDate: new Date(r.createDate),
    AssumeRolePolicyDocument: encodeDocument(r.assumeRolePolicyDocument),
    ...(r.description !== undefined ? { Description: r.description } : {}),
    MaxSessionDuration: r.maxSessionDuration,
    ...attachedBoundary(r.permissionsBoundary),
    ...(r.tags.length ? { Tags: r.tags } : {}),
    RoleLastUsed: r.lastUsed ? { LastUsedDate: new Date(r.lastUsed.date), Region: r.lastUsed.region } : {},
  };
}

/** ListRoles leaves out tags, the boundary and last use, as AWS does. */
export function roleListShape(r: RoleRecord): Role {
  const { PermissionsBoundary: _boundary, Tags: _tags, RoleLastUsed: _lastUsed, ...listed } = roleShape(r);
  return listed;
}

/**
 * The form CreateRole (and UpdateRoleDescription) answers: the role's identity and trust policy, with its description, boundary
 * and tags when it has them, but never MaxSessionDuration (not even when the request set it) nor
 * RoleLastUsed. The AWS CLI's create-role examples show exactly this: Path, RoleName, RoleId, Arn,
 * CreateDate and AssumeRolePolicyDocument, with Tags when the request gave tags.
 */
export function roleCreatedShape(r: RoleRecord): Role {
  const { MaxSessionDuration: _max, RoleLastUsed: _lastUsed, ...created } = roleShape(r);
  return created;
}

/**
 * The form CreateServiceLinkedRole answers, as the AWS CLI's create-service-linked-role example
 * shows it: the role's identity and trust policy only, without the description the request gave.
 */
export function serviceLinkedRoleCreatedShape(r: RoleRecord): Role {
  const { Description: _description, PermissionsBoundary: _boundary, Tags: _tags, ...created } = roleCreatedShape(r);
  return created;
}
