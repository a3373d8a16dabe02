// Access Analyzer's checks on the two actions that hand a role to a service: iam:PassRole (security
// warnings) and iam:CreateServiceLinkedRole (general warnings), each allowed with a wildcard resource
// or with NotResource, named outright, through a wildcard action or through NotAction: six issue
// codes each, in AWS's words. A resource "covers" roles when it matches any role name (`*`,
// `arn:aws:iam::*:role/*`); `arn:aws:iam::*:role/Service*` does not, as AWS's page says. A condition
// on iam:PassedToService answers the PassRole warnings, as their text recommends.
import type { ParsedStatement, PolicyKind } from '../types.js';
import { compileActionPattern } from '../match/action.js';
import { hasWildcard, matchesWildcard } from '../match/wildcard.js';
import type { FindingCode, FindingType, Found } from './finding.js';
import { placedValues, type PlacedStatement } from './locate.js';

interface RoleAction {
  readonly action: string;
  readonly findingType: FindingType;
  readonly code: string;
  /** A role the action would reach that no narrowed resource names. */
  readonly sampleRole: string;
  readonly messages: Readonly<Record<Shape, string>>;
  readonly answeredBy?: string;
}

type Shape = 'STAR_IN_RESOURCE' | 'STAR_IN_ACTION_AND_RESOURCE' | 'STAR_IN_RESOURCE_AND_NOT_ACTION' | 'NOT_RESOURCE' | 'STAR_IN_ACTION_AND_NOT_RESOURCE' | 'NOT_ACTION_AND_NOT_RESOURCE';

const PASS_ROLE_STAR = 'We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement.';
const ARNS = 'We recommend that you specify resource ARNs instead.';

const ROLE_ACTIONS: readonly RoleAction[] = [
  {
    action: 'iam:passrole', findingType: 'SECURITY_WARNING', code: 'PASS_ROLE', sampleRole: 'role/x', answeredBy: 'iam:passedtoservice',
    messages: {
      STAR_IN_RESOURCE: `Using the iam:PassRole action with wildcards (*) in the resource can be overly permissive because it allows iam:PassRole permissions on multiple resources. ${PASS_ROLE_STAR}`,
      STAR_IN_ACTION_AND_RESOURCE: `Using wildcards (*) in the action and the resource can be overly permissive because it allows iam:PassRole permissions on all resources. ${PASS_ROLE_STAR}`,
      STAR_IN_RESOURCE_AND_NOT_ACTION: `Using a resource with wildcards (*) and NotAction can be overly permissive because it allows iam:PassRole permissions on all resources. ${PASS_ROLE_STAR}`,
      NOT_RESOURCE: `Using the iam:PassRole action with NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources. ${ARNS}`,
      STAR_IN_ACTION_AND_NOT_RESOURCE: `Using an action with a wildcard (*) and NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources. ${ARNS}`,
      NOT_ACTION_AND_NOT_RESOURCE: `Using NotAction with NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources. ${ARNS}`,
    },
  },
  {
    action: 'iam:createservicelinkedrole', findingType: 'WARNING', code: 'CREATE_SLR', sampleRole: 'role/aws-service-role/x/y',
    messages: {
      STAR_IN_RESOURCE: `Using the iam:CreateServiceLinkedRole action with wildcards (*) in the resource can allow creation of unintended service-linked roles. ${ARNS}`,
      STAR_IN_ACTION_AND_RESOURCE: `Using wildcards (*) in the action and the resource can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on all resources. ${ARNS}`,
      STAR_IN_RESOURCE_AND_NOT_ACTION: `Using a resource with wildcards (*) and NotAction can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on all resources. ${ARNS}`,
      NOT_RESOURCE: `Using the iam:CreateServiceLinkedRole action with NotResource can allow creation of unintended service-linked roles for multiple resources. ${ARNS}`,
      STAR_IN_ACTION_AND_NOT_RESOURCE: `Using an action with a wildcard(*) and NotResource can allow creation of unintended service-linked roles because it can allow iam:CreateServiceLinkedRole permissions on multiple resources. ${ARNS}`,
      NOT_ACTION_AND_NOT_RESOURCE: `Using NotAction with NotResource can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on multiple resources. ${ARNS}`,
    },
  },
];

/** Does the resource pattern match every role name, e.g. `*` or `arn:aws:iam::111122223333:role/*`? */
function coversRoles(resource: string, sampleRole: string): boolean {
  if (!hasWildcard(resource)) return false;
  const parts = resource.split(':');
  const literal = (part: string | undefined, fallback: string) => (part && !/[*?$]/.test(part) ? part : fallback);
  return matchesWildcard(resource, `arn:${literal(parts[1], 'aws')}:iam::${literal(parts[4], '111122223333')}:${sampleRole}`);
}

/** The PassRole and CreateServiceLinkedRole findings of one Allow statement (not in trust policies or SCPs). */
export function roleActionFindings(s: ParsedStatement, p: PlacedStatement, kind: PolicyKind): Found[] {
  if (s.effect !== 'Allow' || kind === 'trust' || kind === 'scp') return [];
  const out: Found[] = [];
  for (const ra of ROLE_ACTIONS) {
    if (ra.answeredBy && s.conditions.some((c) => c.key.toLowerCase() === ra.answeredBy)) continue;
    let how: 'named' | 'star' | 'not' | undefined;
    if (s.action) {
      if (s.action.some((a) => !hasWildcard(a) && a.toLowerCase() === ra.action)) how = 'named';
      else if (s.action.some((a) => hasWildcard(a) && compileActionPattern(a)(ra.action))) how = 'star';
    } else if (s.notAction && !s.notAction.some((a) => compileActionPattern(a)(ra.action))) how = 'not';
    if (!how) continue;
    let shape: Shape | undefined;
    let at = s.start;
    if (s.resource) {
      const broad = placedValues(p.Resource, s.resource, s.start).find((r) => coversRoles(r.value, ra.sampleRole));
      if (broad) {
        at = broad.at;
        shape = how === 'named' ? 'STAR_IN_RESOURCE' : how === 'star' ? 'STAR_IN_ACTION_AND_RESOURCE' : 'STAR_IN_RESOURCE_AND_NOT_ACTION';
      }
    } else if (s.notResource && !s.notResource.some((r) => coversRoles(r, ra.sampleRole))) {
      at = p.NotResource?.at ?? s.start;
      shape = how === 'named' ? 'NOT_RESOURCE' : how === 'star' ? 'STAR_IN_ACTION_AND_NOT_RESOURCE' : 'NOT_ACTION_AND_NOT_RESOURCE';
    }
    if (shape) out.push({ findingType: ra.findingType, code: `${ra.code}_WITH_${shape}` as FindingCode, message: ra.messages[shape], at });
  }
  return out;
}
