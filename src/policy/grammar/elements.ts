// The checks IAM applies to element values once a document has the right shape: action vendors,
// resource ARNs, principals and trust-policy actions. Each returns AWS's message or undefined.
import { messages } from './messages.js';

const VENDOR = /^[a-zA-Z0-9\-.]+$/;

export function checkAction(action: string): string | undefined {
  if (action === '*') return undefined;
  const parts = action.split(':');
  if (parts.length === 1) return messages.vendorRequired;
  if (parts.length > 2) return messages.oneColon;
  if (!VENDOR.test(parts[0]!) && parts[0] !== '*') return messages.vendorInvalid(parts[0]!);
  return undefined;
}

const PARTITIONS = new Set(['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc']);
// delegation-request/ is the resource type of temporary delegation (Service Authorization
// Reference, 2025); IAM's message below still lists only the older types, as IAM words it.
const IAM_PATHS = [
  'user/', 'federated-user/', 'role/', 'group/', 'instance-profile/', 'mfa/', 'server-certificate/',
  'policy/', 'sms-mfa/', 'saml-provider/', 'oidc-provider/', 'report/', 'access-report/', 'delegation-request/',
];

/**
 * IAM's checks on a Resource/NotResource value (error messages as AWS words them). A value whose
 * format is wrong gets that message; one whose format passes but that IAM's older reader cannot
 * split into an ARN (fewer than six segments with an empty one inside, or no service) fails
 * "legacy parsing" instead, which IAM reports before anything else about the statement.
 */
export function checkResource(resource: string, partition?: string): { message: string; legacy: boolean } | undefined {
  if (resource === '*') return undefined;
  const problem = resourceFormat(resource, partition);
  if (problem) return { message: problem, legacy: false };
  const parts = resource.split(':');
  if ((parts.length < 6 && resource.includes('::')) || parts[2] === '') return { message: messages.legacyParsing, legacy: true };
  return undefined;
}

function resourceFormat(resource: string, savedIn: string | undefined): string | undefined {
  const parts = resource.split(':');
  if (parts.length < 2) return messages.resourceArn(resource);
  const partition = parts[1]!;
  if ((!PARTITIONS.has(partition) || (savedIn !== undefined && partition !== savedIn)) && !partition.includes('${')) {
    const seg = (i: number) => (parts.length > i ? parts[i]! : '*');
    const rest = parts.length > 5 ? parts.slice(5).join(':') : '*';
    // Missing segments read as `*`; empty ones stay empty, but for a lone empty service.
    const service = parts.length === 3 && parts[2] === '' ? '*' : seg(2);
    const arn = `arn:${partition}:${service}:${seg(3)}:${seg(4)}:${rest}`;
    return messages.partition(partition, arn);
  }
  if (parts.length < 3) return messages.resourceVendor;
  const service = parts[2]!;
  if (/[*?]/.test(service)) return messages.resourceVendor;
  if (service === 'iam' && parts.length > 3 && parts[3] !== '') return messages.iamRegion(resource);
  // S3's bucket and object ARNs have neither Region nor account; its resource types with a Region
  // (access points, jobs, Storage Lens, Access Grants) all name the account too.
  if (service === 's3' && parts.length > 3 && parts[3] !== '' && (parts.length < 5 || parts[4] === '')) return messages.s3Region(resource);
  if (service === 'iam' && parts.length > 5) {
    const path = parts.slice(5).join(':');
    // `root` is an account's root user, the resource sts:AssumeRoot is authorized on (Service
    // Authorization Reference, STS resource type root); AWS's /root-task/ policies name arn:aws:iam::*:root.
    if (path !== '*' && path !== 'root' && !IAM_PATHS.some((p) => path.startsWith(p)) && !path.startsWith('${')) return messages.iamPath;
  }
  return undefined;
}

const ACCOUNT = /^\d{12}$/;
const PRINCIPAL_ARN =
  /^arn:aws[a-z-]*:(iam::\d{12}:(root|user\/.+|role\/.+|federated-user\/.+)|sts::\d{12}:(assumed-role\/.+\/.+|federated-user\/.+))$/;
const SERVICE = /^[a-z0-9][a-z0-9.-]*\.(amazonaws\.com|amazonaws\.com\.cn|amazon\.com)$/;
const FEDERATED_ARN = /^arn:aws[a-z-]*:iam::\d{12}:(saml-provider|oidc-provider)\/.+$/;
const DOMAIN = /^[a-z0-9][a-z0-9.-]*(\/[^\s]*)?$/i;

/** The unique id of an IAM user (AIDA…) or role (AROA…), as a saved policy binds a principal ARN. */
export const BOUND_PRINCIPAL_ID = /^A(?:IDA|ROA)[A-Z0-9]{16,}$/;

/**
 * Checks one principal value; returns AWS's "Invalid principal in policy" message when wrong.
 * `bound`: the policy is a stored one, whose user and role ARNs may have become unique ids.
 */
export function checkPrincipal(type: string, value: string, bound = false): string | undefined {
  let ok: boolean;
  switch (type) {
    case 'AWS':
      ok = value === '*' || ACCOUNT.test(value) || (PRINCIPAL_ARN.test(value) && !/[*?]/.test(value)) || (bound && BOUND_PRINCIPAL_ID.test(value));
      break;
    case 'Service':
      ok = value === '*' || SERVICE.test(value);
      break;
    case 'Federated':
      ok = FEDERATED_ARN.test(value) || DOMAIN.test(value);
      break;
    case 'CanonicalUser':
      ok = /^[0-9a-f]{64}$/.test(value);
      break;
    default:
      ok = false;
  }
  return ok ? undefined : messages.invalidPrincipal(type === 'Service' ? 'SERVICE' : type, value);
}

const TRUST_ACTIONS = new Set([
  'sts:assumerole', 'sts:assumerolewithsaml', 'sts:assumerolewithwebidentity', 'sts:tagsession',
  'sts:setsourceidentity', 'sts:setcontext',
]);

/** Trust policies may name only STS actions that act on a role (and wildcards over them). */
export function isTrustPolicyAction(action: string): boolean {
  const a = action.toLowerCase();
  return a === '*' || TRUST_ACTIONS.has(a) || (a.startsWith('sts:') && /[*?]/.test(a));
}
