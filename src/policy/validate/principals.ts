// Who a trust or resource policy lets in. Allow with NotPrincipal is Access Analyzer's
// ALLOW_WITH_NOT_PRINCIPAL; Allow to every principal (`"Principal": "*"` or `{"AWS": "*"}`) with no
// condition at all is rolegate's ALLOW_WITH_STAR_PRINCIPAL: Access Analyzer's policy checks have no
// such finding (its external-access analysis reports it), yet it makes a role assumable, or a
// resource reachable, by anyone.
import type { ParsedStatement, PolicyKind } from '../types.js';
import type { Found } from './finding.js';
import type { PlacedStatement } from './locate.js';

export function principalFindings(s: ParsedStatement, p: PlacedStatement, kind: PolicyKind): Found[] {
  if (s.effect !== 'Allow' || (kind !== 'trust' && kind !== 'resource')) return [];
  const out: Found[] = [];
  if (s.notPrincipal)
    out.push({
      findingType: 'SECURITY_WARNING', code: 'ALLOW_WITH_NOT_PRINCIPAL', at: p.NotPrincipal?.at ?? s.start,
      message: 'Using Allow with NotPrincipal can be overly permissive. We recommend that you use Principal instead.',
    });
  const principal = s.principal;
  const isEveryone = principal === '*' || (principal !== undefined && (principal.AWS ?? []).includes('*'));
  if (isEveryone && s.conditions.length === 0) {
    const star = p.Principal?.values.find((v) => v.value === '*' && (v.type === '*' || v.type === 'AWS'));
    out.push({
      findingType: 'SECURITY_WARNING', code: 'ALLOW_WITH_STAR_PRINCIPAL', at: star?.at ?? p.Principal?.at ?? s.start,
      message: kind === 'trust'
        ? 'The trust policy lets any principal ("*") assume the role without a condition: anyone in any AWS account can use its permissions. Name the principals, or add a condition such as aws:PrincipalOrgID or sts:ExternalId.'
        : 'The statement allows any principal ("*"), anonymous callers included, without a condition. Name the principals, or add a condition such as aws:PrincipalOrgID, aws:PrincipalAccount or aws:SourceArn.',
    });
  }
  return out;
}
