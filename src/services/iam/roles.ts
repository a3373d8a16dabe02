// Roles as IAM returns them.
import type { Role } from '../../generated/iam/shapes.js';
import type { RoleRecord } from '../../store/types.js';
import { encodeDocument } from './documents.js';

/** The full form GetRole, CreateRole and UpdateRoleDescription answer. */
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
    ...(r.permissionsBoundary ? { PermissionsBoundary: { PermissionsBoundaryType: 'PermissionsBoundaryPolicy' as const, PermissionsBoundaryArn: r.permissionsBoundary } } : {}),
    ...(r.tags.length ? { Tags: r.tags } : {}),
    RoleLastUsed: r.lastUsed ? { LastUsedDate: new Date(r.lastUsed.date), Region: r.lastUsed.region } : {},
  };
}

/** ListRoles leaves out tags, the boundary and last use, as AWS does. */
export function roleListShape(r: RoleRecord): Role {
  const { PermissionsBoundary: _boundary, Tags: _tags, RoleLastUsed: _lastUsed, ...listed } = roleShape(r);
  return listed;
}
