import type { ListEntitiesForPolicyRequest, ListEntitiesForPolicyResponse, PolicyGroup, PolicyRole, PolicyUser } from '../../generated/iam/shapes.js';
import type { Handler } from '../types.js';
import { requirePolicy } from './lookups.js';
import { pageList } from './pages.js';

type Entity = { kind: 'group'; v: PolicyGroup } | { kind: 'user'; v: PolicyUser } | { kind: 'role'; v: PolicyRole };

export const ListEntitiesForPolicy: Handler<ListEntitiesForPolicyRequest, ListEntitiesForPolicyResponse> = async (input, ctx) => {
  const policy = await requirePolicy(ctx.store, ctx.accountId, input.PolicyArn);
  const prefix = input.PathPrefix ?? '/';
  const filter = input.EntityFilter;
  const usage = input.PolicyUsageFilter;
  const out: Entity[] = [];
  const s = ctx.store;
  if (!filter || filter === 'Group') {
    if (usage !== 'PermissionsBoundary') for (const l of await s.links.to(ctx.accountId, 'attached:group', policy.arn)) {
      const g = await s.groups.get(ctx.accountId, l.a);
      if (g && g.path.startsWith(prefix)) out.push({ kind: 'group', v: { GroupName: g.name, GroupId: g.id } });
    }
  }
  if (!filter || filter === 'User') {
    for (const u of (await s.users.list(ctx.accountId, { pathPrefix: prefix, maxItems: 1_000_000 })).items) {
      const attached = usage !== 'PermissionsBoundary' && (await s.links.get(ctx.accountId, 'attached:user', u.name.toLowerCase(), policy.arn));
      const boundary = usage !== 'PermissionsPolicy' && u.permissionsBoundary === policy.arn;
      if (attached || boundary) out.push({ kind: 'user', v: { UserName: u.name, UserId: u.id } });
    }
  }
  if (!filter || filter === 'Role') {
    for (const r of (await s.roles.list(ctx.accountId, { pathPrefix: prefix, maxItems: 1_000_000 })).items) {
      const attached = usage !== 'PermissionsBoundary' && (await s.links.get(ctx.accountId, 'attached:role', r.name.toLowerCase(), policy.arn));
      const boundary = usage !== 'PermissionsPolicy' && r.permissionsBoundary === policy.arn;
      if (attached || boundary) out.push({ kind: 'role', v: { RoleName: r.name, RoleId: r.id } });
    }
  }
  const page = pageList(out, input.Marker, input.MaxItems);
  return {
    PolicyGroups: page.items.flatMap((e) => (e.kind === 'group' ? [e.v] : [])),
    PolicyUsers: page.items.flatMap((e) => (e.kind === 'user' ? [e.v] : [])),
    PolicyRoles: page.items.flatMap((e) => (e.kind === 'role' ? [e.v] : [])),
    IsTruncated: page.IsTruncated,
    ...(page.Marker ? { Marker: page.Marker } : {}),
  };
};
