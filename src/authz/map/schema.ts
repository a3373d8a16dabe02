// The authorization map's one schema, for every service: per operation, the IAM action, the
// resource (an ARN template over input members, or a named resource resolver with its parameters,
// for resources that need the store or the caller), and the condition keys the operation supplies
// (from input members or named resolvers). Data only: the resolvers live in src/authz/resolvers/.

/**
 * A template such as `arn:${Partition}:s3:::${Bucket}/${Key}`: `${Member}` is an input member
 * (a string, or a number written in decimal); `${Partition}`, `${Region}` and `${Account}` are the
 * request's. `*` stands for the operations AWS authorizes on every resource.
 */
export type ArnTemplate = string;

/**
 * A resource named by the resource resolver registered under `resolver` (`iam:role`, `sts:role` …),
 * given the input members it reads. Besides the ARN, a resolver may supply the resource's account,
 * its context keys (aws:ResourceTag/*), its trust policy and further actions on it.
 */
export interface ResourceSource {
  resolver: string;
  /** The input member that names the resource (a name, or an ARN). */
  name?: string;
  /** The input member that gives the path of a resource being created, or a listing's path prefix. */
  path?: string;
  /** For listings: the resource type whose path prefix AWS authorizes (`arn:aws:iam::ACCOUNT:role/`). */
  listOf?: string;
  /** The operation acts on the calling user when `name` is absent (access keys). */
  callerUserByDefault?: boolean;
  /** For S3 objects: the stored version's tags are the request's s3:ExistingObjectTag/<key> (only the actions the SAR lists that key for). */
  existingObjectTags?: boolean;
}

/**
 * A condition key's source: an input member by name (a dotted path reaches into a structure:
 * `CreateBucketConfiguration.LocationConstraint`; a timestamp becomes ISO 8601), or a key resolver
 * registered under that name; or, under a key family's name (`aws:RequestTag/*`), a family
 * resolver that supplies its keys.
 */
export type KeySource = { member: string } | { resolver: string } | { family: string };

/**
 * The action that replaces another when the call names an object version: by the input member
 * `member` (GetObject's VersionId: s3:GetObjectVersion), or, without `member`, by the version the
 * resolved resource names (a copy source's `?versionId=`).
 */
export interface Versioned {
  member?: string;
  action: string;
}

/**
 * A further action the caller must be allowed on the same resource, decided with the same condition
 * keys: always, or only when the input sets one of `when`'s members (PutObject with x-amz-acl also
 * needs s3:PutObjectAcl).
 */
export interface FurtherAction {
  action: string;
  versioned?: Versioned;
  /** Input members (dotted paths reach into structures); one counts as set when present, not false and not an empty list. */
  when?: string[];
  /** Values of a `when` member that do not count as setting it (CreateBucket's ACL `private` needs no s3:PutBucketAcl). */
  except?: Record<string, string[]>;
}

export interface MapEntry {
  /** The IAM action, `service:Action`. */
  action: string;
  /** The action instead of `action` when the call names a version. */
  versioned?: Versioned;
  resource: ArnTemplate | ResourceSource;
  /** Condition keys the request supplies, beside the global ones and the resource's own. */
  context?: Record<string, KeySource>;
  /** Further actions on the same resource (the request's `also`), some only for some inputs. */
  furtherActions?: FurtherAction[];
  /** Further authorizations the same call needs (a copy reads its source: s3:GetObject on it). */
  also?: Omit<MapEntry, 'also'>[];
}

/**
 * One service's map: an entry per operation rolegate serves. null means the authorize step decides
 * nothing: no permission is needed, or the handler authorizes the call's parts itself (S3's
 * DeleteObjects, each key as a DeleteObject).
 */
export type ServiceMap = Record<string, MapEntry | null>;
