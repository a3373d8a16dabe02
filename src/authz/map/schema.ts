// The authorization map's one schema, for every service that has no request builder of its own:
// per operation, the IAM action, the resource ARN as a template over input members, and the
// condition keys the operation supplies (from input members or named resolvers). Data only.

/**
 * A template such as `arn:${Partition}:s3:::${Bucket}/${Key}`: `${Member}` is an input member
 * (a string, or a number written in decimal); `${Partition}`, `${Region}` and `${Account}` are the
 * request's. `*` stands for the operations AWS authorizes on every resource.
 */
export type ArnTemplate = string;

/** A condition key's source: an input member by name, or a resolver registered under that name. */
export type KeySource = { member: string } | { resolver: string };

export interface MapEntry {
  /** The IAM action, `service:Action`. */
  action: string;
  resource: ArnTemplate;
  /** Condition keys the request supplies, beside the global ones. */
  context?: Record<string, KeySource>;
  /** Further authorizations the same call needs (a copy reads its source: s3:GetObject on it). */
  also?: Omit<MapEntry, 'also'>[];
}

/** One service's map: an entry per operation rolegate serves; none means no permission is needed. */
export type ServiceMap = Record<string, MapEntry | null>;
