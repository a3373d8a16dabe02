// A conformance corpus for SimulateCustomPolicy built from AWS's documentation: every case is one
// SimulateCustomPolicy call against a running rolegate through @aws-sdk/client-iam, with the
// decisions AWS documents for it. The comment above each case quotes (or closely paraphrases) the
// statement of the IAM User Guide or the IAM API Reference that the expected answer relies on.
//
// Pages cited (IAM User Guide unless noted):
//   [eval]   Policy evaluation logic (reference_policies_evaluation-logic)
//   [action] IAM JSON policy elements: Action / NotAction
//   [res]    IAM JSON policy elements: Resource / NotResource
//   [ops]    IAM JSON policy elements: Condition operators
//   [logic]  Condition with multiple context keys or values
//   [multi]  Single-valued vs. multivalued context keys, Multivalued context key examples
//   [vars]   IAM policy elements: Variables and tags
//   [pb]     Permissions boundaries for IAM entities
//   [api]    IAM API Reference: SimulateCustomPolicy, EvaluationResult, ResourceSpecificResult, ContextEntry
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SimulateCustomPolicyCommand, type ContextEntry, type IAMClient, type SimulateCustomPolicyCommandInput, type SimulatePolicyResponse } from '@aws-sdk/client-iam';
import { startRolegate, type Rolegate } from '../support/server.js';
import { rejectsWith } from '../support/errors.js';

type Decision = 'allowed' | 'explicitDeny' | 'implicitDeny';

interface Case {
  name: string;
  /** Identity policies (PolicyInputList). */
  policies: object[];
  boundary?: object[];
  resourcePolicy?: object;
  callerArn?: string;
  resourceOwner?: string;
  actions: string[];
  resources?: string[];
  context?: ContextEntry[];
  /** One decision per action × resource, in that order (per resource from ResourceSpecificResults). */
  expect: Decision[];
  /** Context keys MissingContextValues must name (compared case-insensitively, order ignored). */
  missing?: string[];
  /** AllowedByPermissionsBoundary per action × resource. */
  boundaryAllows?: boolean[];
}

const ACCOUNT = '111122223333';
const OTHER = '444455556666';
const ALICE = `arn:aws:iam::${ACCOUNT}:user/alice`;
const BOB = `arn:aws:iam::${ACCOUNT}:user/bob`;

const policy = (...Statement: object[]): object => ({ Version: '2012-10-17', Statement });
const allow = (Action: string | string[], Resource: string | string[] = '*', Condition?: object): object => ({ Effect: 'Allow', Action, Resource, ...(Condition ? { Condition } : {}) });
const deny = (Action: string | string[], Resource: string | string[] = '*', Condition?: object): object => ({ Effect: 'Deny', Action, Resource, ...(Condition ? { Condition } : {}) });
const ctx = (ContextKeyName: string, ContextKeyType: ContextEntry['ContextKeyType'], ...ContextKeyValues: string[]): ContextEntry => ({ ContextKeyName, ContextKeyType, ContextKeyValues });
/** One Allow statement for s3:GetObject on every resource under one condition operator and key. */
const guarded = (operator: string, key: string, values: string | string[]): object[] => [policy(allow('s3:GetObject', '*', { [operator]: { [key]: values } }))];
const everything = policy(allow('*'));

const cases: Case[] = [];
const add = (...c: Case[]) => cases.push(...c);

// ---------------------------------------------------------------------------------------------
// Evaluation logic
// ---------------------------------------------------------------------------------------------
// [eval] "By default, all requests are implicitly denied" / "An explicit allow in an identity-based policy overrides this default".
add({ name: 'eval: an Allow for the action allows it', policies: [policy(allow('s3:GetObject'))], actions: ['s3:GetObject'], expect: ['allowed'] });
// [eval] "By default, all requests are implicitly denied".
add({ name: 'eval: an action no statement names is implicitly denied', policies: [policy(allow('s3:GetObject'))], actions: ['s3:PutObject'], expect: ['implicitDeny'] });
// [api] "Each operation is evaluated against each resource."
add({ name: 'eval: every action of ActionNames is evaluated on its own', policies: [policy(allow(['s3:GetObject', 's3:ListBucket']))], actions: ['s3:GetObject', 's3:ListBucket', 's3:DeleteObject'], expect: ['allowed', 'allowed', 'implicitDeny'] });
// [eval] "An explicit deny in any policy overrides any allows."
add({ name: 'eval: a Deny in a second policy overrides the Allow of the first', policies: [policy(allow('s3:*')), policy(deny('s3:DeleteObject'))], actions: ['s3:DeleteObject', 's3:GetObject'], expect: ['explicitDeny', 'allowed'] });
// [eval] "An explicit deny in any policy overrides any allows."
add({ name: 'eval: a Deny and an Allow in one policy, statement order does not matter', policies: [policy(deny('s3:Delete*'), allow('s3:*'))], actions: ['s3:DeleteBucket', 's3:PutObject'], expect: ['explicitDeny', 'allowed'] });
// [eval] A Deny statement alone never allows: what it does not deny stays implicitly denied.
add({ name: 'eval: a Deny-only policy denies what it names and allows nothing', policies: [policy(deny('ec2:TerminateInstances'))], actions: ['ec2:TerminateInstances', 'ec2:DescribeInstances'], expect: ['explicitDeny', 'implicitDeny'] });
// [eval] A Deny whose condition does not match does not apply; the Allow decides.
add({ name: 'eval: a Deny whose condition is false does not deny', policies: [policy(allow('s3:*'), deny('s3:*', '*', { StringEquals: { 'aws:PrincipalTag/team': 'blocked' } }))], actions: ['s3:GetObject'], context: [ctx('aws:PrincipalTag/team', 'string', 'analytics')], expect: ['allowed'] });
// [eval] An explicit deny wins even when several statements allow.
add({ name: 'eval: two Allows and one Deny still deny', policies: [policy(allow('dynamodb:*')), policy(allow('dynamodb:GetItem')), policy(deny('dynamodb:GetItem'))], actions: ['dynamodb:GetItem'], expect: ['explicitDeny'] });

// ---------------------------------------------------------------------------------------------
// Action and NotAction
// ---------------------------------------------------------------------------------------------
// [action] "You can use wildcards (* or ?) in the action name" — s3:Get* covers every action starting with Get.
add({ name: 'action: s3:Get* matches GetObject and GetBucketPolicy, not PutObject', policies: [policy(allow('s3:Get*'))], actions: ['s3:GetObject', 's3:GetBucketPolicy', 's3:PutObject'], expect: ['allowed', 'allowed', 'implicitDeny'] });
// [action] "The prefix and the action name are case insensitive. For example, iam:ListAccessKeys is the same as IAM:listaccesskeys."
add({ name: 'action: names compare case-insensitively (IAM:listaccesskeys)', policies: [policy(allow('IAM:listaccesskeys'))], actions: ['iam:ListAccessKeys'], expect: ['allowed'] });
// [action] Case-insensitive in the other direction: the simulated action name in another case.
add({ name: 'action: a simulated action name in other case still matches', policies: [policy(allow('s3:GetObject'))], actions: ['S3:getobject'], expect: ['allowed'] });
// [action] "You can use multiple wildcards" — iam:*AccessKey* (the User Guide's own example).
add({ name: 'action: iam:*AccessKey* covers the access key actions only', policies: [policy(allow('iam:*AccessKey*'))], actions: ['iam:CreateAccessKey', 'iam:ListAccessKeys', 'iam:UpdateAccessKey', 'iam:CreateUser'], expect: ['allowed', 'allowed', 'allowed', 'implicitDeny'] });
// [action] "?" matches exactly one character.
add({ name: 'action: ? matches one character (s3:Get?bject)', policies: [policy(allow('s3:Get?bject'))], actions: ['s3:GetObject', 's3:GetObjectAcl'], expect: ['allowed', 'implicitDeny'] });
// [action] "*" alone allows every action of every service.
add({ name: 'action: "*" matches any service', policies: [everything], actions: ['iam:CreateUser', 'ec2:RunInstances', 'sqs:SendMessage'], expect: ['allowed', 'allowed', 'allowed'] });
// [action] The service prefix is part of the match: s3:* does not match another service's actions.
add({ name: 'action: s3:* does not match s3-object-lambda or ec2 actions', policies: [policy(allow('s3:*'))], actions: ['s3-object-lambda:GetObject', 'ec2:DescribeInstances', 's3:ListAllMyBuckets'], expect: ['implicitDeny', 'implicitDeny', 'allowed'] });
// [action] "Action": [..] lists several actions; any one matching applies the statement.
add({ name: 'action: a list of actions in one statement', policies: [policy(allow(['sqs:SendMessage', 'sqs:ReceiveMessage']))], actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage'], expect: ['allowed', 'implicitDeny'] });
// [action] Wildcard in the middle: dynamodb:*Item matches GetItem, PutItem, not Query.
add({ name: 'action: wildcard before the suffix (dynamodb:*Item)', policies: [policy(allow('dynamodb:*Item'))], actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'], expect: ['allowed', 'allowed', 'implicitDeny'] });
// [action/NotAction] "Allow with NotAction ... allows all actions except the listed ones".
add({ name: 'notaction: Allow NotAction iam:* allows other services, not IAM', policies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] }], actions: ['s3:GetObject', 'iam:CreateUser'], expect: ['allowed', 'implicitDeny'] });
// [NotAction] "Deny with NotAction ... denies all actions except those listed".
add({ name: 'notaction: Deny NotAction iam:* denies every other service', policies: [policy(allow('*'), { Effect: 'Deny', NotAction: 'iam:*', Resource: '*' })], actions: ['iam:ListUsers', 's3:GetObject'], expect: ['allowed', 'explicitDeny'] });
// [NotAction] "NotAction ... with Resource" applies only to the listed resources.
add({ name: 'notaction: Allow NotAction limited by Resource', policies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: 's3:DeleteBucket', Resource: 'arn:aws:s3:::*' }] }], actions: ['s3:DeleteObject', 's3:DeleteBucket'], resources: ['arn:aws:s3:::logs/2024/a.gz'], expect: ['allowed', 'implicitDeny'] });
// [NotAction] Wildcards work in NotAction too.
add({ name: 'notaction: NotAction s3:Get* excludes every Get action', policies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: 's3:Get*', Resource: '*' }] }], actions: ['s3:GetObject', 's3:PutObject'], expect: ['implicitDeny', 'allowed'] });
// [NotAction] User Guide example: deny everything but IAM when MFA is absent (BoolIfExists aws:MultiFactorAuthPresent false).
const mfaGate = policy(allow('*'), { Sid: 'DenyAllExceptListedIfNoMFA', Effect: 'Deny', NotAction: ['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'iam:ListMFADevices', 'sts:GetSessionToken'], Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } });
add({ name: 'notaction: MFA gate, key missing: the Deny applies (IfExists)', policies: [mfaGate], actions: ['ec2:RunInstances', 'iam:ListMFADevices'], expect: ['explicitDeny', 'allowed'] });
add({ name: 'notaction: MFA gate, MFA present: nothing denied', policies: [mfaGate], actions: ['ec2:RunInstances'], context: [ctx('aws:MultiFactorAuthPresent', 'boolean', 'true')], expect: ['allowed'] });
add({ name: 'notaction: MFA gate, MFA false: denied', policies: [mfaGate], actions: ['ec2:RunInstances'], context: [ctx('aws:MultiFactorAuthPresent', 'boolean', 'false')], expect: ['explicitDeny'] });

// ---------------------------------------------------------------------------------------------
// Resource and NotResource
// ---------------------------------------------------------------------------------------------
// [res] "The following example refers to all items within a specific Amazon S3 bucket": bucket/* covers objects, not the bucket.
add({ name: 'resource: bucket/* covers objects but not the bucket ARN', policies: [policy(allow('s3:*', 'arn:aws:s3:::my_corporate_bucket/*'))], actions: ['s3:GetObject'], resources: ['arn:aws:s3:::my_corporate_bucket/report.csv', 'arn:aws:s3:::my_corporate_bucket'], expect: ['allowed', 'implicitDeny'] });
// [res] "An asterisk (*) represents any combination of characters" — including slashes in the resource part.
add({ name: 'resource: * spans slashes in the resource part', policies: [policy(allow('s3:GetObject', 'arn:aws:s3:::bucket/*'))], actions: ['s3:GetObject'], resources: ['arn:aws:s3:::bucket/a/b/c.txt'], expect: ['allowed'] });
// [res] "a question mark (?) represents any single character".
add({ name: 'resource: ? matches exactly one character', policies: [policy(allow('s3:GetObject', 'arn:aws:s3:::bucket/file?.txt'))], actions: ['s3:GetObject'], resources: ['arn:aws:s3:::bucket/file1.txt', 'arn:aws:s3:::bucket/file10.txt'], expect: ['allowed', 'implicitDeny'] });
// [res] "You can use wildcard characters (* and ?) within any ARN segment".
add({ name: 'resource: wildcard in the region segment', policies: [policy(allow('dynamodb:GetItem', `arn:aws:dynamodb:*:${ACCOUNT}:table/books_table`))], actions: ['dynamodb:GetItem'], resources: [`arn:aws:dynamodb:us-east-2:${ACCOUNT}:table/books_table`, `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/books_table`, `arn:aws:dynamodb:us-east-2:${OTHER}:table/books_table`], expect: ['allowed', 'allowed', 'implicitDeny'] });
// [res] "refers to all IAM users whose path is /accounting".
add({ name: 'resource: user/accounting/* covers users under that path only', policies: [policy(allow('iam:GetUser', `arn:aws:iam::${ACCOUNT}:user/accounting/*`))], actions: ['iam:GetUser'], resources: [`arn:aws:iam::${ACCOUNT}:user/accounting/carol`, `arn:aws:iam::${ACCOUNT}:user/carol`], expect: ['allowed', 'implicitDeny'] });
// [res] "You can specify multiple resources" (the two DynamoDB tables example).
add({ name: 'resource: a list of ARNs', policies: [policy(allow('dynamodb:*', [`arn:aws:dynamodb:us-east-2:${ACCOUNT}:table/books_table`, `arn:aws:dynamodb:us-east-2:${ACCOUNT}:table/magazines_table`]))], actions: ['dynamodb:Query'], resources: [`arn:aws:dynamodb:us-east-2:${ACCOUNT}:table/magazines_table`, `arn:aws:dynamodb:us-east-2:${ACCOUNT}:table/newspapers_table`], expect: ['allowed', 'implicitDeny'] });
// [res] IAM identifiers: ARNs are case-sensitive, so a differently cased resource name does not match.
add({ name: 'resource: ARNs compare case-sensitively', policies: [policy(allow('s3:GetObject', 'arn:aws:s3:::Reports/*'))], actions: ['s3:GetObject'], resources: ['arn:aws:s3:::reports/q1.csv', 'arn:aws:s3:::Reports/q1.csv'], expect: ['implicitDeny', 'allowed'] });
// [res] An exact ARN matches only itself.
add({ name: 'resource: an exact queue ARN', policies: [policy(allow('sqs:SendMessage', `arn:aws:sqs:us-east-2:${ACCOUNT}:queue1`))], actions: ['sqs:SendMessage'], resources: [`arn:aws:sqs:us-east-2:${ACCOUNT}:queue1`, `arn:aws:sqs:us-east-2:${ACCOUNT}:queue10`], expect: ['allowed', 'implicitDeny'] });
// [res] Wildcard in the account segment.
add({ name: 'resource: wildcard account segment', policies: [policy(allow('sns:Publish', 'arn:aws:sns:us-east-1:*:alerts'))], actions: ['sns:Publish'], resources: [`arn:aws:sns:us-east-1:${OTHER}:alerts`, `arn:aws:sns:us-west-2:${OTHER}:alerts`], expect: ['allowed', 'implicitDeny'] });
// [NotResource] "Allow ... NotResource": everything except the listed resources (the HRBucket/Payroll example).
const payroll = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', NotResource: ['arn:aws:s3:::HRBucket/Payroll', 'arn:aws:s3:::HRBucket/Payroll/*'] }] };
add({ name: 'notresource: Allow NotResource excludes the payroll folder', policies: [payroll], actions: ['s3:GetObject'], resources: ['arn:aws:s3:::HRBucket/Payroll/2024.xlsx', 'arn:aws:s3:::HRBucket/Benefits/plan.pdf'], expect: ['implicitDeny', 'allowed'] });
// [NotResource] "Deny ... NotResource": deny on every resource but the listed ones.
add({ name: 'notresource: Deny NotResource denies outside the listed bucket', policies: [policy(allow('s3:*'), { Effect: 'Deny', Action: 's3:*', NotResource: ['arn:aws:s3:::approved', 'arn:aws:s3:::approved/*'] })], actions: ['s3:PutObject'], resources: ['arn:aws:s3:::approved/x', 'arn:aws:s3:::elsewhere/x'], expect: ['allowed', 'explicitDeny'] });

// ---------------------------------------------------------------------------------------------
// String condition operators
// ---------------------------------------------------------------------------------------------
const jobCategory = [policy(allow('iam:*AccessKey*', `arn:aws:iam::${ACCOUNT}:user/*`, { StringEquals: { 'aws:PrincipalTag/job-category': 'iamuser-admin' } }))];
// [ops] StringEquals: "Exact matching, case sensitive" (the job-category example).
add({ name: 'string: StringEquals matches the exact value', policies: jobCategory, actions: ['iam:CreateAccessKey'], resources: [BOB], context: [ctx('aws:PrincipalTag/job-category', 'string', 'iamuser-admin')], expect: ['allowed'] });
add({ name: 'string: StringEquals is case-sensitive', policies: jobCategory, actions: ['iam:CreateAccessKey'], resources: [BOB], context: [ctx('aws:PrincipalTag/job-category', 'string', 'IAMUser-Admin')], expect: ['implicitDeny'] });
add({ name: 'string: StringEquals with another value', policies: jobCategory, actions: ['iam:CreateAccessKey'], resources: [BOB], context: [ctx('aws:PrincipalTag/job-category', 'string', 'developer')], expect: ['implicitDeny'] });
// [ops] "If a user without the tag attempts to view or edit an access key, the condition returns false and the request is implicitly denied".
add({ name: 'string: StringEquals without the key is false and reported missing', policies: jobCategory, actions: ['iam:CreateAccessKey'], resources: [BOB], expect: ['implicitDeny'], missing: ['aws:PrincipalTag/job-category'] });
// [ops] StringEqualsIgnoreCase: "Exact matching, ignoring case".
add({ name: 'string: StringEqualsIgnoreCase ignores case', policies: guarded('StringEqualsIgnoreCase', 'aws:PrincipalTag/team', 'Analytics'), actions: ['s3:GetObject'], context: [ctx('aws:PrincipalTag/team', 'string', 'ANALYTICS')], expect: ['allowed'] });
add({ name: 'string: StringEqualsIgnoreCase still compares the whole value', policies: guarded('StringEqualsIgnoreCase', 'aws:PrincipalTag/team', 'Analytics'), actions: ['s3:GetObject'], context: [ctx('aws:PrincipalTag/team', 'string', 'analytics-eu')], expect: ['implicitDeny'] });
// [ops] StringNotEquals: "Negated matching".
add({ name: 'string: StringNotEquals with a different value is true', policies: guarded('StringNotEquals', 'aws:PrincipalTag/team', 'blocked'), actions: ['s3:GetObject'], context: [ctx('aws:PrincipalTag/team', 'string', 'analytics')], expect: ['allowed'] });
add({ name: 'string: StringNotEquals with the same value is false', policies: guarded('StringNotEquals', 'aws:PrincipalTag/team', 'blocked'), actions: ['s3:GetObject'], context: [ctx('aws:PrincipalTag/team', 'string', 'blocked')], expect: ['implicitDeny'] });
// [ops] "If the policy condition requires that the key is not matched, such as StringNotLike or ArnNotLike, and the right key is not present, the condition is true."
add({ name: 'string: StringNotEquals without the key is true', policies: guarded('StringNotEquals', 'aws:PrincipalTag/team', 'blocked'), actions: ['s3:GetObject'], expect: ['allowed'] });
// [ops] StringNotEqualsIgnoreCase: "Negated matching, ignoring case".
add({ name: 'string: StringNotEqualsIgnoreCase is false for the same value in other case', policies: guarded('StringNotEqualsIgnoreCase', 'aws:PrincipalTag/team', 'blocked'), actions: ['s3:GetObject'], context: [ctx('aws:PrincipalTag/team', 'string', 'BLOCKED')], expect: ['implicitDeny'] });
// [ops] StringLike: "The values can include multi-character match wildcards (*) and single-character match wildcards (?) anywhere in the string".
add({ name: 'string: StringLike with * in the middle', policies: guarded('StringLike', 's3:prefix', 'home/*/docs'), actions: ['s3:GetObject'], context: [ctx('s3:prefix', 'string', 'home/alice/docs')], expect: ['allowed'] });
add({ name: 'string: StringLike ? matches one character only', policies: guarded('StringLike', 'ec2:InstanceType', 't?.micro'), actions: ['s3:GetObject'], context: [ctx('ec2:InstanceType', 'string', 't3a.micro')], expect: ['implicitDeny'] });
add({ name: 'string: StringLike ? matches one character', policies: guarded('StringLike', 'ec2:InstanceType', 't?.micro'), actions: ['s3:GetObject'], context: [ctx('ec2:InstanceType', 'string', 't3.micro')], expect: ['allowed'] });
// [ops] StringLike is "Case-sensitive matching".
add({ name: 'string: StringLike is case-sensitive', policies: guarded('StringLike', 's3:prefix', 'Home/*'), actions: ['s3:GetObject'], context: [ctx('s3:prefix', 'string', 'home/alice')], expect: ['implicitDeny'] });
// [ops] StringEquals is exact matching: a * in its value is a literal character.
add({ name: 'string: StringEquals treats * literally (no match)', policies: guarded('StringEquals', 's3:prefix', 'home/*'), actions: ['s3:GetObject'], context: [ctx('s3:prefix', 'string', 'home/alice')], expect: ['implicitDeny'] });
add({ name: 'string: StringEquals treats * literally (match)', policies: guarded('StringEquals', 's3:prefix', 'home/*'), actions: ['s3:GetObject'], context: [ctx('s3:prefix', 'string', 'home/*')], expect: ['allowed'] });
// [ops] StringNotLike: "Negated case-sensitive matching".
add({ name: 'string: StringNotLike is true when the pattern does not match', policies: guarded('StringNotLike', 'aws:PrincipalTag/team', 'ops-*'), actions: ['s3:GetObject'], context: [ctx('aws:PrincipalTag/team', 'string', 'dev-eu')], expect: ['allowed'] });
add({ name: 'string: StringNotLike is false when the pattern matches', policies: guarded('StringNotLike', 'aws:PrincipalTag/team', 'ops-*'), actions: ['s3:GetObject'], context: [ctx('aws:PrincipalTag/team', 'string', 'ops-eu')], expect: ['implicitDeny'] });
add({ name: 'string: StringNotLike without the key is true', policies: guarded('StringNotLike', 'aws:PrincipalTag/team', 'ops-*'), actions: ['s3:GetObject'], expect: ['allowed'] });
// [ops] The s3:prefix example lists "" among the values: an empty prefix matches the empty string.
const homeDirs = [policy(
  allow(['s3:ListAllMyBuckets', 's3:GetBucketLocation'], 'arn:aws:s3:::*'),
  allow('s3:ListBucket', 'arn:aws:s3:::BUCKET-NAME', { StringLike: { 's3:prefix': ['', 'home/', 'home/${aws:username}/'] } }),
  allow('s3:*', ['arn:aws:s3:::BUCKET-NAME/home/${aws:username}', 'arn:aws:s3:::BUCKET-NAME/home/${aws:username}/*']),
)];
add({ name: 'string: home-directory example, empty prefix', policies: homeDirs, actions: ['s3:ListBucket'], resources: ['arn:aws:s3:::BUCKET-NAME'], context: [ctx('s3:prefix', 'string', ''), ctx('aws:username', 'string', 'alice')], expect: ['allowed'] });
add({ name: 'string: home-directory example, own folder prefix', policies: homeDirs, actions: ['s3:ListBucket'], resources: ['arn:aws:s3:::BUCKET-NAME'], context: [ctx('s3:prefix', 'string', 'home/alice/'), ctx('aws:username', 'string', 'alice')], expect: ['allowed'] });
add({ name: "string: home-directory example, another user's folder prefix", policies: homeDirs, actions: ['s3:ListBucket'], resources: ['arn:aws:s3:::BUCKET-NAME'], context: [ctx('s3:prefix', 'string', 'home/bob/'), ctx('aws:username', 'string', 'alice')], expect: ['implicitDeny'] });
add({ name: 'string: home-directory example, objects in the own folder only', policies: homeDirs, actions: ['s3:GetObject'], resources: ['arn:aws:s3:::BUCKET-NAME/home/alice/notes.txt', 'arn:aws:s3:::BUCKET-NAME/home/bob/notes.txt'], context: [ctx('aws:username', 'string', 'alice')], expect: ['allowed', 'implicitDeny'] });
add({ name: 'string: home-directory example, ListAllMyBuckets on arn:aws:s3:::*', policies: homeDirs, actions: ['s3:ListAllMyBuckets'], resources: ['arn:aws:s3:::BUCKET-NAME'], expect: ['allowed'] });

// ---------------------------------------------------------------------------------------------
// Several keys and values
// ---------------------------------------------------------------------------------------------
// [logic] "If a single condition operator includes multiple values for a context key, those values are evaluated using a logical OR."
add({ name: 'logic: several values of one key are ORed', policies: guarded('StringEquals', 'aws:PrincipalTag/team', ['red', 'blue']), actions: ['s3:GetObject'], context: [ctx('aws:PrincipalTag/team', 'string', 'blue')], expect: ['allowed'] });
// [logic] "If your policy has multiple condition operators or multiple context keys ... evaluated using a logical AND."
const twoKeys = [policy(allow('s3:GetObject', '*', { StringEquals: { 'aws:PrincipalTag/team': 'red', 'aws:PrincipalTag/cost-center': '42' } }))];
add({ name: 'logic: two keys in one operator, one wrong: false', policies: twoKeys, actions: ['s3:GetObject'], context: [ctx('aws:PrincipalTag/team', 'string', 'red'), ctx('aws:PrincipalTag/cost-center', 'string', '7')], expect: ['implicitDeny'] });
add({ name: 'logic: two keys in one operator, both right: true', policies: twoKeys, actions: ['s3:GetObject'], context: [ctx('aws:PrincipalTag/team', 'string', 'red'), ctx('aws:PrincipalTag/cost-center', 'string', '42')], expect: ['allowed'] });
const twoOperators = [policy(allow('s3:GetObject', '*', { StringEquals: { 'aws:PrincipalTag/team': 'red' }, IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }))];
add({ name: 'logic: two operators are ANDed (both true)', policies: twoOperators, actions: ['s3:GetObject'], context: [ctx('aws:PrincipalTag/team', 'string', 'red'), ctx('aws:SourceIp', 'ip', '203.0.113.10')], expect: ['allowed'] });
add({ name: 'logic: two operators are ANDed (one false)', policies: twoOperators, actions: ['s3:GetObject'], context: [ctx('aws:PrincipalTag/team', 'string', 'red'), ctx('aws:SourceIp', 'ip', '198.51.100.10')], expect: ['implicitDeny'] });
// [logic] Negated operators with several values: "the condition ... returns true only if the value matches none of the values" (logical NOR).
add({ name: 'logic: StringNotEquals with several values, one matches: false', policies: guarded('StringNotEquals', 'aws:PrincipalTag/role', ['audit', 'security']), actions: ['s3:GetObject'], context: [ctx('aws:PrincipalTag/role', 'string', 'security')], expect: ['implicitDeny'] });
add({ name: 'logic: StringNotEquals with several values, none matches: true', policies: guarded('StringNotEquals', 'aws:PrincipalTag/role', ['audit', 'security']), actions: ['s3:GetObject'], context: [ctx('aws:PrincipalTag/role', 'string', 'dev')], expect: ['allowed'] });
add({ name: 'logic: NotIpAddress with two ranges, inside the second: false', policies: guarded('NotIpAddress', 'aws:SourceIp', ['192.0.2.0/24', '203.0.113.0/24']), actions: ['s3:GetObject'], context: [ctx('aws:SourceIp', 'ip', '203.0.113.5')], expect: ['implicitDeny'] });
// [vars] "Key names are case-insensitive. For example, aws:CurrentTime is equivalent to AWS:currenttime."
add({ name: 'logic: condition key names are case-insensitive', policies: guarded('DateGreaterThan', 'AWS:currenttime', '2020-01-01T00:00:00Z'), actions: ['s3:GetObject'], context: [ctx('aws:CurrentTime', 'date', '2021-06-01T00:00:00Z')], expect: ['allowed'] });

// ---------------------------------------------------------------------------------------------
// Numeric condition operators
// ---------------------------------------------------------------------------------------------
const maxKeys = [policy(allow('s3:ListBucket', 'arn:aws:s3:::example_bucket', { NumericLessThanEquals: { 's3:max-keys': '10' } }))];
// [ops] NumericLessThanEquals s3:max-keys 10: "the requester can list up to 10 objects".
for (const [v, d] of [['10', 'allowed'], ['9', 'allowed'], ['11', 'implicitDeny']] as const)
  add({ name: `numeric: NumericLessThanEquals 10 with ${v}`, policies: maxKeys, actions: ['s3:ListBucket'], resources: ['arn:aws:s3:::example_bucket'], context: [ctx('s3:max-keys', 'numeric', v)], expect: [d] });
// [ops] "If the key that you specify in a policy condition is not present in the request context, the values do not match."
add({ name: 'numeric: NumericLessThanEquals without the key', policies: maxKeys, actions: ['s3:ListBucket'], resources: ['arn:aws:s3:::example_bucket'], expect: ['implicitDeny'], missing: ['s3:max-keys'] });
// [ops] Numeric operators compare "a key to an integer or decimal value".
const numericOps: [string, string, string, Decision][] = [
  ['NumericEquals', '5', '5', 'allowed'], ['NumericEquals', '5', '6', 'implicitDeny'], ['NumericEquals', '1.5', '1.5', 'allowed'],
  ['NumericNotEquals', '5', '5', 'implicitDeny'], ['NumericNotEquals', '5', '6', 'allowed'],
  ['NumericLessThan', '5', '4.99', 'allowed'], ['NumericLessThan', '5', '5', 'implicitDeny'],
  ['NumericGreaterThan', '3600', '3601', 'allowed'], ['NumericGreaterThan', '3600', '3600', 'implicitDeny'],
  ['NumericGreaterThanEquals', '3600', '3600', 'allowed'], ['NumericGreaterThanEquals', '3600', '-1', 'implicitDeny'],
];
for (const [op, p, r, d] of numericOps)
  add({ name: `numeric: ${op} ${p} with ${r}`, policies: guarded(op, 'aws:MultiFactorAuthAge', p), actions: ['s3:GetObject'], context: [ctx('aws:MultiFactorAuthAge', 'numeric', r)], expect: [d] });
// [ops] Negated numeric operator without the key is true.
add({ name: 'numeric: NumericNotEquals without the key is true', policies: guarded('NumericNotEquals', 'aws:MultiFactorAuthAge', '0'), actions: ['s3:GetObject'], expect: ['allowed'] });
// [ops] Deny when MFA is older than an hour (NumericGreaterThan aws:MultiFactorAuthAge 3600).
const mfaAge = [policy(allow('ec2:*'), deny('ec2:StopInstances', '*', { NumericGreaterThan: { 'aws:MultiFactorAuthAge': '3600' } }))];
add({ name: 'numeric: Deny for old MFA applies', policies: mfaAge, actions: ['ec2:StopInstances'], context: [ctx('aws:MultiFactorAuthAge', 'numeric', '7200')], expect: ['explicitDeny'] });
add({ name: 'numeric: Deny for old MFA does not apply without the key', policies: mfaAge, actions: ['ec2:StopInstances'], expect: ['allowed'] });

// ---------------------------------------------------------------------------------------------
// Date condition operators
// ---------------------------------------------------------------------------------------------
const issued2020 = [policy(allow('iam:*AccessKey*', `arn:aws:iam::${ACCOUNT}:user/*`, { DateGreaterThan: { 'aws:TokenIssueTime': '2020-01-01T00:00:01Z' } }))];
// [ops] DateGreaterThan aws:TokenIssueTime 2020-01-01T00:00:01Z: credentials issued after that instant.
add({ name: 'date: DateGreaterThan, token issued later', policies: issued2020, actions: ['iam:ListAccessKeys'], resources: [BOB], context: [ctx('aws:TokenIssueTime', 'date', '2020-06-01T12:00:00Z')], expect: ['allowed'] });
add({ name: 'date: DateGreaterThan, token issued earlier', policies: issued2020, actions: ['iam:ListAccessKeys'], resources: [BOB], context: [ctx('aws:TokenIssueTime', 'date', '2019-12-31T23:59:59Z')], expect: ['implicitDeny'] });
// [ops] "In this example, if an IAM user attempts to view or edit an access key, the request is denied" (no aws:TokenIssueTime).
add({ name: 'date: DateGreaterThan without aws:TokenIssueTime', policies: issued2020, actions: ['iam:ListAccessKeys'], resources: [BOB], expect: ['implicitDeny'], missing: ['aws:TokenIssueTime'] });
// [ops] "You must specify date/time values with one of the W3C implementations of the ISO 8601 date formats or in epoch (UNIX) time."
add({ name: 'date: epoch seconds in the policy, ISO 8601 in the request', policies: guarded('DateGreaterThan', 'aws:CurrentTime', '1577836800'), actions: ['s3:GetObject'], context: [ctx('aws:CurrentTime', 'date', '2020-01-02T00:00:00Z')], expect: ['allowed'] });
add({ name: 'date: ISO 8601 in the policy, epoch seconds in the request', policies: guarded('DateLessThan', 'aws:EpochTime', '2020-01-01T00:00:00Z'), actions: ['s3:GetObject'], context: [ctx('aws:EpochTime', 'date', '1500000000')], expect: ['allowed'] });
add({ name: 'date: a W3C date without time (YYYY-MM-DD)', policies: guarded('DateGreaterThanEquals', 'aws:CurrentTime', '2020-01-01'), actions: ['s3:GetObject'], context: [ctx('aws:CurrentTime', 'date', '2020-01-01T00:00:00Z')], expect: ['allowed'] });
add({ name: 'date: a W3C time zone offset is honoured', policies: guarded('DateLessThan', 'aws:CurrentTime', '2020-01-01T10:00:00+02:00'), actions: ['s3:GetObject'], context: [ctx('aws:CurrentTime', 'date', '2020-01-01T08:30:00Z')], expect: ['implicitDeny'] });
const dateOps: [string, string, Decision][] = [
  ['DateEquals', '2021-03-04T05:06:07Z', 'allowed'], ['DateEquals', '2021-03-04T05:06:08Z', 'implicitDeny'],
  ['DateNotEquals', '2021-03-04T05:06:07Z', 'implicitDeny'], ['DateNotEquals', '2022-01-01T00:00:00Z', 'allowed'],
  ['DateLessThan', '2021-03-04T05:06:07Z', 'implicitDeny'], ['DateLessThanEquals', '2021-03-04T05:06:07Z', 'allowed'],
  ['DateGreaterThan', '2021-03-04T05:06:07Z', 'implicitDeny'], ['DateGreaterThanEquals', '2021-03-04T05:06:07Z', 'allowed'],
];
// [ops] DateEquals "Matching a specific date"; LessThan "before"; LessThanEquals "at or before"; GreaterThan "after"; GreaterThanEquals "at or after".
for (const [op, p, d] of dateOps)
  add({ name: `date: ${op} ${p} at 2021-03-04T05:06:07Z`, policies: guarded(op, 'aws:CurrentTime', p), actions: ['s3:GetObject'], context: [ctx('aws:CurrentTime', 'date', '2021-03-04T05:06:07Z')], expect: [d] });
// [api] The CLI reference's simulate-custom-policy example: DateGreaterThan 2018-08-16T12:00:00Z at 2019-04-25T11:00:00Z is allowed.
add({ name: 'date: the simulate-custom-policy CLI example', policies: [{ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'dynamodb:*', Resource: '*', Condition: { DateGreaterThan: { 'aws:CurrentTime': '2018-08-16T12:00:00Z' } } } }], actions: ['dynamodb:CreateBackup'], context: [ctx('aws:CurrentTime', 'date', '2019-04-25T11:00:00Z')], expect: ['allowed'] });
// [ops] Negated date operator without the key is true.
add({ name: 'date: DateNotEquals without the key is true', policies: guarded('DateNotEquals', 'aws:CurrentTime', '2021-01-01T00:00:00Z'), actions: ['s3:GetObject'], expect: ['allowed'] });

// ---------------------------------------------------------------------------------------------
// Bool, BinaryEquals
// ---------------------------------------------------------------------------------------------
const secureOnly = [policy(allow('s3:*')), policy({ Sid: 'BooleanExample', Action: 's3:*', Effect: 'Deny', Resource: ['arn:aws:s3:::DOC-EXAMPLE-BUCKET', 'arn:aws:s3:::DOC-EXAMPLE-BUCKET/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } })];
// [ops] "deny all S3 actions on a bucket and its contents if the request is not over SSL".
add({ name: 'bool: SecureTransport false is denied', policies: secureOnly, actions: ['s3:GetObject'], resources: ['arn:aws:s3:::DOC-EXAMPLE-BUCKET/a'], context: [ctx('aws:SecureTransport', 'boolean', 'false')], expect: ['explicitDeny'] });
add({ name: 'bool: SecureTransport true is not denied', policies: secureOnly, actions: ['s3:GetObject'], resources: ['arn:aws:s3:::DOC-EXAMPLE-BUCKET/a'], context: [ctx('aws:SecureTransport', 'boolean', 'true')], expect: ['allowed'] });
add({ name: 'bool: the Deny covers only the listed bucket', policies: secureOnly, actions: ['s3:GetObject'], resources: ['arn:aws:s3:::other-bucket/a'], context: [ctx('aws:SecureTransport', 'boolean', 'false')], expect: ['allowed'] });
// [ops] Without the key "the values do not match": a Bool Deny does not apply.
add({ name: 'bool: without the key the Bool Deny does not apply', policies: secureOnly, actions: ['s3:GetObject'], resources: ['arn:aws:s3:::DOC-EXAMPLE-BUCKET/a'], expect: ['allowed'], missing: ['aws:SecureTransport'] });
add({ name: 'bool: Bool true allows with true', policies: guarded('Bool', 'aws:MultiFactorAuthPresent', 'true'), actions: ['s3:GetObject'], context: [ctx('aws:MultiFactorAuthPresent', 'boolean', 'true')], expect: ['allowed'] });
add({ name: 'bool: Bool true does not allow with false', policies: guarded('Bool', 'aws:MultiFactorAuthPresent', 'true'), actions: ['s3:GetObject'], context: [ctx('aws:MultiFactorAuthPresent', 'boolean', 'false')], expect: ['implicitDeny'] });
// [ops] BinaryEquals "compares the value of the specified key byte for byte against a base-64 encoded representation".
add({ name: 'binary: BinaryEquals with the same bytes', policies: guarded('BinaryEquals', 'aws:PrincipalTag/blob', 'QmluYXJ5VmFsdWVJbkJhc2U2NA=='), actions: ['s3:GetObject'], context: [ctx('aws:PrincipalTag/blob', 'binary', 'QmluYXJ5VmFsdWVJbkJhc2U2NA==')], expect: ['allowed'] });
add({ name: 'binary: BinaryEquals with other bytes', policies: guarded('BinaryEquals', 'aws:PrincipalTag/blob', 'QmluYXJ5VmFsdWVJbkJhc2U2NA=='), actions: ['s3:GetObject'], context: [ctx('aws:PrincipalTag/blob', 'binary', 'T3RoZXJWYWx1ZQ==')], expect: ['implicitDeny'] });
add({ name: 'binary: BinaryEquals without the key', policies: guarded('BinaryEquals', 'aws:PrincipalTag/blob', 'QmluYXJ5VmFsdWVJbkJhc2U2NA=='), actions: ['s3:GetObject'], expect: ['implicitDeny'] });

// ---------------------------------------------------------------------------------------------
// IP address condition operators
// ---------------------------------------------------------------------------------------------
// [ops] "the request must come from the IP range 203.0.113.0 to 203.0.113.255".
for (const [ip, d] of [['203.0.113.0', 'allowed'], ['203.0.113.255', 'allowed'], ['203.0.114.1', 'implicitDeny'], ['198.51.100.7', 'implicitDeny']] as const)
  add({ name: `ip: IpAddress 203.0.113.0/24 with ${ip}`, policies: guarded('IpAddress', 'aws:SourceIp', '203.0.113.0/24'), actions: ['s3:GetObject'], context: [ctx('aws:SourceIp', 'ip', ip)], expect: [d] });
// [ops] "If you specify an IP address without the associated routing prefix, IAM uses the default prefix value of /32."
add({ name: 'ip: a bare address means /32 (same address)', policies: guarded('IpAddress', 'aws:SourceIp', '203.0.113.7'), actions: ['s3:GetObject'], context: [ctx('aws:SourceIp', 'ip', '203.0.113.7')], expect: ['allowed'] });
add({ name: 'ip: a bare address means /32 (next address)', policies: guarded('IpAddress', 'aws:SourceIp', '203.0.113.7'), actions: ['s3:GetObject'], context: [ctx('aws:SourceIp', 'ip', '203.0.113.8')], expect: ['implicitDeny'] });
// [ops] IPv6 "2001:DB8:1234:5678::/64"; "using :: to represent a range of 0s".
const mixed = guarded('IpAddress', 'aws:SourceIp', ['203.0.113.0/24', '2001:DB8:1234:5678::/64']);
add({ name: 'ip: IPv6 address inside the /64', policies: mixed, actions: ['s3:GetObject'], context: [ctx('aws:SourceIp', 'ip', '2001:db8:1234:5678::1')], expect: ['allowed'] });
add({ name: 'ip: IPv6 address written in full inside the /64', policies: mixed, actions: ['s3:GetObject'], context: [ctx('aws:SourceIp', 'ip', '2001:0db8:1234:5678:abcd:0000:0000:0042')], expect: ['allowed'] });
add({ name: 'ip: IPv6 address outside the /64', policies: mixed, actions: ['s3:GetObject'], context: [ctx('aws:SourceIp', 'ip', '2001:db8:1234:5679::1')], expect: ['implicitDeny'] });
add({ name: 'ip: mixed IPv4 and IPv6 list, IPv4 inside', policies: mixed, actions: ['s3:GetObject'], context: [ctx('aws:SourceIp', 'ip', '203.0.113.200')], expect: ['allowed'] });
// [ops] IpAddress without aws:SourceIp (e.g. through a VPC endpoint): "the condition returns false".
add({ name: 'ip: IpAddress without the key is false', policies: mixed, actions: ['s3:GetObject'], expect: ['implicitDeny'], missing: ['aws:SourceIp'] });
// [ops] NotIpAddress: "All IP addresses except the specified IP address or range".
add({ name: 'ip: NotIpAddress outside the range is true', policies: guarded('NotIpAddress', 'aws:SourceIp', '203.0.113.0/24'), actions: ['s3:GetObject'], context: [ctx('aws:SourceIp', 'ip', '198.51.100.1')], expect: ['allowed'] });
add({ name: 'ip: NotIpAddress inside the range is false', policies: guarded('NotIpAddress', 'aws:SourceIp', '203.0.113.0/24'), actions: ['s3:GetObject'], context: [ctx('aws:SourceIp', 'ip', '203.0.113.9')], expect: ['implicitDeny'] });
// [ops] Negated operator, key absent: "the condition is true".
add({ name: 'ip: NotIpAddress without the key is true', policies: guarded('NotIpAddress', 'aws:SourceIp', '203.0.113.0/24'), actions: ['s3:GetObject'], expect: ['allowed'] });
// [ops] A Deny with NotIpAddress denies requests from outside the corporate range.
const ipDeny = [policy(allow('*'), deny('*', '*', { NotIpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '203.0.113.0/24'] } }))];
add({ name: 'ip: Deny NotIpAddress from outside', policies: ipDeny, actions: ['ec2:RunInstances'], context: [ctx('aws:SourceIp', 'ip', '198.51.100.20')], expect: ['explicitDeny'] });
add({ name: 'ip: Deny NotIpAddress from inside', policies: ipDeny, actions: ['ec2:RunInstances'], context: [ctx('aws:SourceIp', 'ip', '192.0.2.77')], expect: ['allowed'] });
add({ name: 'ip: an IPv4 address is not inside an IPv6 range', policies: guarded('IpAddress', 'aws:SourceIp', '2001:DB8::/32'), actions: ['s3:GetObject'], context: [ctx('aws:SourceIp', 'ip', '203.0.113.1')], expect: ['implicitDeny'] });

// ---------------------------------------------------------------------------------------------
// ARN condition operators
// ---------------------------------------------------------------------------------------------
const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:orders`;
// [ops] ArnEquals/ArnLike: "Case-sensitive matching of the ARN".
add({ name: 'arn: ArnEquals with the same ARN', policies: guarded('ArnEquals', 'aws:SourceArn', TOPIC), actions: ['s3:GetObject'], context: [ctx('aws:SourceArn', 'string', TOPIC)], expect: ['allowed'] });
add({ name: 'arn: ArnEquals is case-sensitive', policies: guarded('ArnEquals', 'aws:SourceArn', TOPIC), actions: ['s3:GetObject'], context: [ctx('aws:SourceArn', 'string', `arn:aws:sns:us-east-1:${ACCOUNT}:Orders`)], expect: ['implicitDeny'] });
// [ops] "Each of the six colon-delimited components of the ARN is checked separately and each can include ... wildcards".
add({ name: 'arn: ArnLike with wildcards in region and resource', policies: guarded('ArnLike', 'aws:SourceArn', `arn:aws:sns:*:${ACCOUNT}:order*`), actions: ['s3:GetObject'], context: [ctx('aws:SourceArn', 'string', `arn:aws:sns:eu-west-1:${ACCOUNT}:orders-eu`)], expect: ['allowed'] });
add({ name: 'arn: ArnLike, other account', policies: guarded('ArnLike', 'aws:SourceArn', `arn:aws:sns:*:${ACCOUNT}:order*`), actions: ['s3:GetObject'], context: [ctx('aws:SourceArn', 'string', `arn:aws:sns:eu-west-1:${OTHER}:orders-eu`)], expect: ['implicitDeny'] });
// [ops] "The ArnEquals and ArnLike condition operators behave identically" — ArnEquals takes wildcards too.
add({ name: 'arn: ArnEquals takes wildcards like ArnLike', policies: guarded('ArnEquals', 'aws:SourceArn', `arn:aws:sns:us-east-1:${ACCOUNT}:*`), actions: ['s3:GetObject'], context: [ctx('aws:SourceArn', 'string', TOPIC)], expect: ['allowed'] });
// [ops] The someservice example: with StringLike the match succeeds; "With an ArnLike condition, which matches elements between colons, the match fails."
const odd = 'arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt';
add({ name: 'arn: the someservice example fails under ArnLike', policies: guarded('ArnLike', 'aws:SourceArn', 'arn:aws:someservice:*:111122223333:finance/*'), actions: ['s3:GetObject'], context: [ctx('aws:SourceArn', 'string', odd)], expect: ['implicitDeny'] });
add({ name: 'arn: the someservice example succeeds under StringLike', policies: guarded('StringLike', 'aws:SourceArn', 'arn:aws:someservice:*:111122223333:finance/*'), actions: ['s3:GetObject'], context: [ctx('aws:SourceArn', 'string', odd)], expect: ['allowed'] });
// [ops] ArnNotEquals/ArnNotLike: "Negated matching for ARN"; key absent: true.
add({ name: 'arn: ArnNotLike with a matching ARN is false', policies: guarded('ArnNotLike', 'aws:SourceArn', `arn:aws:sns:*:${ACCOUNT}:*`), actions: ['s3:GetObject'], context: [ctx('aws:SourceArn', 'string', TOPIC)], expect: ['implicitDeny'] });
add({ name: 'arn: ArnNotEquals with another ARN is true', policies: guarded('ArnNotEquals', 'aws:SourceArn', TOPIC), actions: ['s3:GetObject'], context: [ctx('aws:SourceArn', 'string', `arn:aws:sns:us-east-1:${ACCOUNT}:refunds`)], expect: ['allowed'] });
add({ name: 'arn: ArnNotLike without the key is true', policies: guarded('ArnNotLike', 'aws:SourceArn', `arn:aws:sns:*:${ACCOUNT}:*`), actions: ['s3:GetObject'], expect: ['allowed'] });
add({ name: 'arn: ArnLike without the key is false', policies: guarded('ArnLike', 'aws:SourceArn', `arn:aws:sns:*:${ACCOUNT}:*`), actions: ['s3:GetObject'], expect: ['implicitDeny'], missing: ['aws:SourceArn'] });
// [vars] "You can use a policy variable for Condition values in any condition that involves ... the ARN operators."
add({ name: 'arn: ArnLike with a policy variable', policies: guarded('ArnLike', 'aws:SourceArn', 'arn:aws:sns:*:*:${aws:username}-*'), actions: ['s3:GetObject'], context: [ctx('aws:SourceArn', 'string', `arn:aws:sns:us-east-1:${ACCOUNT}:alice-events`), ctx('aws:username', 'string', 'alice')], expect: ['allowed'] });

// ---------------------------------------------------------------------------------------------
// ...IfExists and Null
// ---------------------------------------------------------------------------------------------
const runInstance = [policy({ Sid: 'RunInstance', Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*', Condition: { StringLikeIfExists: { 'ec2:InstanceType': ['t1.*', 't2.*', 'm3.*'] } } })];
// [ops] IfExists: "If the policy key is present in the context of the request, process the key as specified in the policy. If the key is not present, evaluate the condition element as true."
add({ name: 'ifexists: StringLikeIfExists with a listed type', policies: runInstance, actions: ['ec2:RunInstances'], context: [ctx('ec2:InstanceType', 'string', 't2.micro')], expect: ['allowed'] });
add({ name: 'ifexists: StringLikeIfExists with another type', policies: runInstance, actions: ['ec2:RunInstances'], context: [ctx('ec2:InstanceType', 'string', 'm5.large')], expect: ['implicitDeny'] });
add({ name: 'ifexists: StringLikeIfExists without the key is true', policies: runInstance, actions: ['ec2:RunInstances'], expect: ['allowed'] });
// [ops] The THISPOLICYDOESNOTWORK example: plain StringLike fails for resources without ec2:InstanceType.
add({ name: 'ifexists: plain StringLike without the key is false', policies: [policy({ Sid: 'THISPOLICYDOESNOTWORK', Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*', Condition: { StringLike: { 'ec2:InstanceType': ['t1.*', 't2.*', 'm3.*'] } } })], actions: ['ec2:RunInstances'], expect: ['implicitDeny'] });
// [ops] "If you are using an "Effect": "Deny" element with a negated condition operator like StringNotEqualsIfExists, the request is still denied even if the tag is missing."
const denyUnlessTagged = [policy(allow('ec2:*'), deny('ec2:TerminateInstances', '*', { StringNotEqualsIfExists: { 'aws:ResourceTag/env': 'dev' } }))];
add({ name: 'ifexists: Deny StringNotEqualsIfExists, tag missing: still denied', policies: denyUnlessTagged, actions: ['ec2:TerminateInstances'], expect: ['explicitDeny'] });
add({ name: 'ifexists: Deny StringNotEqualsIfExists, tag dev: not denied', policies: denyUnlessTagged, actions: ['ec2:TerminateInstances'], context: [ctx('aws:ResourceTag/env', 'string', 'dev')], expect: ['allowed'] });
add({ name: 'ifexists: Deny StringNotEqualsIfExists, tag prod: denied', policies: denyUnlessTagged, actions: ['ec2:TerminateInstances'], context: [ctx('aws:ResourceTag/env', 'string', 'prod')], expect: ['explicitDeny'] });
// [ops] "You can add IfExists to the end of any condition operator name except the Null condition".
add({ name: 'ifexists: NumericLessThanIfExists without the key', policies: guarded('NumericLessThanIfExists', 's3:max-keys', '100'), actions: ['s3:GetObject'], expect: ['allowed'] });
add({ name: 'ifexists: NumericLessThanIfExists with a larger value', policies: guarded('NumericLessThanIfExists', 's3:max-keys', '100'), actions: ['s3:GetObject'], context: [ctx('s3:max-keys', 'numeric', '500')], expect: ['implicitDeny'] });
add({ name: 'ifexists: DateLessThanIfExists with a later time', policies: guarded('DateLessThanIfExists', 'aws:CurrentTime', '2020-01-01T00:00:00Z'), actions: ['s3:GetObject'], context: [ctx('aws:CurrentTime', 'date', '2024-01-01T00:00:00Z')], expect: ['implicitDeny'] });
add({ name: 'ifexists: IpAddressIfExists without the key', policies: guarded('IpAddressIfExists', 'aws:SourceIp', '10.0.0.0/8'), actions: ['s3:GetObject'], expect: ['allowed'] });
add({ name: 'ifexists: ArnLikeIfExists with a non-matching ARN', policies: guarded('ArnLikeIfExists', 'aws:SourceArn', `arn:aws:sns:*:${ACCOUNT}:*`), actions: ['s3:GetObject'], context: [ctx('aws:SourceArn', 'string', `arn:aws:sqs:us-east-1:${ACCOUNT}:q`)], expect: ['implicitDeny'] });
add({ name: 'ifexists: BoolIfExists with the value', policies: guarded('BoolIfExists', 'aws:SecureTransport', 'true'), actions: ['s3:GetObject'], context: [ctx('aws:SecureTransport', 'boolean', 'true')], expect: ['allowed'] });
// [ops] Null: "true (the key doesn't exist — it is null) or false (the key exists and its value is not null)" (the aws:TokenIssueTime example).
const noTempCreds = [policy({ Action: 'ec2:*', Effect: 'Allow', Resource: '*', Condition: { Null: { 'aws:TokenIssueTime': 'true' } } })];
add({ name: 'null: Null true without the key', policies: noTempCreds, actions: ['ec2:DescribeInstances'], expect: ['allowed'] });
add({ name: 'null: Null true with the key', policies: noTempCreds, actions: ['ec2:DescribeInstances'], context: [ctx('aws:TokenIssueTime', 'date', '2024-01-01T00:00:00Z')], expect: ['implicitDeny'] });
add({ name: 'null: Null false with the key', policies: guarded('Null', 'aws:PrincipalTag/team', 'false'), actions: ['s3:GetObject'], context: [ctx('aws:PrincipalTag/team', 'string', 'red')], expect: ['allowed'] });
add({ name: 'null: Null false without the key', policies: guarded('Null', 'aws:PrincipalTag/team', 'false'), actions: ['s3:GetObject'], expect: ['implicitDeny'] });
// [multi] "You can prevent missing context keys or context keys with empty values from evaluating to true by including a Null condition operator ... with a value of false".
add({ name: 'null: Null false with an empty value counts as null', policies: guarded('Null', 'aws:PrincipalTag/team', 'false'), actions: ['s3:GetObject'], context: [ctx('aws:PrincipalTag/team', 'string', '')], expect: ['implicitDeny'] });

// [ops] "If the key that you specify in a policy condition is not present in the request context, the values do not match" — so a Deny with a positive operator does not apply.
add({ name: 'missing: a Deny with StringEquals on an absent key does not deny', policies: [policy(allow('s3:*'), deny('s3:*', '*', { StringEquals: { 'aws:ResourceTag/classification': 'secret' } }))], actions: ['s3:GetObject'], expect: ['allowed'], missing: ['aws:ResourceTag/classification'] });
// [api] MissingContextValues lists "context keys that are required by the included input policies but that were not provided".
add({ name: 'missing: keys missing in two policies are both reported', policies: [policy(allow('s3:GetObject', '*', { StringEquals: { 'aws:PrincipalTag/team': 'red' } })), policy(allow('s3:GetObject', '*', { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }))], actions: ['s3:GetObject'], expect: ['implicitDeny'], missing: ['aws:PrincipalTag/team', 'aws:SourceIp'] });
// [ops] Condition values written as JSON numbers and booleans compare as their text ("NumericLessThanEquals": {"s3:max-keys": 10}).
add({ name: 'json: a numeric condition value written as a JSON number', policies: guarded('NumericLessThanEquals', 's3:max-keys', 10 as unknown as string), actions: ['s3:GetObject'], context: [ctx('s3:max-keys', 'numeric', '10')], expect: ['allowed'] });
add({ name: 'json: a Bool condition value written as a JSON boolean', policies: guarded('Bool', 'aws:SecureTransport', true as unknown as string), actions: ['s3:GetObject'], context: [ctx('aws:SecureTransport', 'boolean', 'true')], expect: ['allowed'] });
// [ops] W3C date-times may carry fractional seconds.
add({ name: 'date: fractional seconds', policies: guarded('DateLessThan', 'aws:CurrentTime', '2020-01-01T00:00:00.500Z'), actions: ['s3:GetObject'], context: [ctx('aws:CurrentTime', 'date', '2020-01-01T00:00:00.250Z')], expect: ['allowed'] });
// [ops] IfExists after a set operator: a missing key makes the condition true.
add({ name: 'ifexists: ForAllValues:StringLikeIfExists without the key', policies: guarded('ForAllValues:StringLikeIfExists', 'aws:TagKeys', 'team-*'), actions: ['s3:GetObject'], expect: ['allowed'] });
add({ name: 'ifexists: ForAllValues:StringLikeIfExists with an unlisted key', policies: guarded('ForAllValues:StringLikeIfExists', 'aws:TagKeys', 'team-*'), actions: ['s3:GetObject'], context: [ctx('aws:TagKeys', 'stringList', 'team-a', 'owner')], expect: ['implicitDeny'] });

// ---------------------------------------------------------------------------------------------
// Set operators and multivalued keys
// ---------------------------------------------------------------------------------------------
const THREAD = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/Thread`;
const readAttributes = [policy(allow('dynamodb:GetItem', THREAD, { 'ForAllValues:StringLike': { 'dynamodb:requestedAttributes': ['PostDateTime', 'Message', 'Tags'] } }))];
// [multi] ForAllValues: "returns true if there's a match between every one of the specified key values in the request and at least one value in the policy".
add({ name: 'set: ForAllValues, every requested attribute allowed', policies: readAttributes, actions: ['dynamodb:GetItem'], resources: [THREAD], context: [ctx('dynamodb:requestedAttributes', 'stringList', 'PostDateTime', 'Message')], expect: ['allowed'] });
// [multi] "There's no match for UserName, so the condition operator returns false, and the policy does not allow the request."
add({ name: 'set: ForAllValues, one requested attribute not listed', policies: readAttributes, actions: ['dynamodb:GetItem'], resources: [THREAD], context: [ctx('dynamodb:requestedAttributes', 'stringList', 'PostDateTime', 'UserName')], expect: ['implicitDeny'] });
add({ name: 'set: ForAllValues, a single requested attribute', policies: readAttributes, actions: ['dynamodb:GetItem'], resources: [THREAD], context: [ctx('dynamodb:requestedAttributes', 'stringList', 'Tags')], expect: ['allowed'] });
// [multi] "The ForAllValues set operator also returns true if there are no context keys in the request."
add({ name: 'set: ForAllValues without the key is true', policies: readAttributes, actions: ['dynamodb:GetItem'], resources: [THREAD], expect: ['allowed'] });
// [multi] "... or if the context key value resolves to a null dataset, such as an empty string."
add({ name: 'set: ForAllValues with an empty string value is true', policies: readAttributes, actions: ['dynamodb:GetItem'], resources: [THREAD], context: [ctx('dynamodb:requestedAttributes', 'stringList', '')], expect: ['allowed'] });
const protectAttributes = [policy(allow('dynamodb:*')), policy(deny('dynamodb:PutItem', THREAD, { 'ForAnyValue:StringLike': { 'dynamodb:requestedAttributes': ['ID', 'PostDateTime'] } }))];
// [multi] ForAnyValue: "The last test returns true, so the condition is true; because the Effect element is set to Deny, the request is denied."
add({ name: 'set: ForAnyValue Deny, one protected attribute requested', policies: protectAttributes, actions: ['dynamodb:PutItem'], resources: [THREAD], context: [ctx('dynamodb:requestedAttributes', 'stringList', 'UserName', 'Message', 'PostDateTime')], expect: ['explicitDeny'] });
// [multi] "None of the attributes in the request (just UserName) match ... The condition returns false ... the request is not denied by this policy".
add({ name: 'set: ForAnyValue Deny, no protected attribute requested', policies: protectAttributes, actions: ['dynamodb:PutItem'], resources: [THREAD], context: [ctx('dynamodb:requestedAttributes', 'stringList', 'UserName')], expect: ['allowed'] });
// [multi] "a condition operator modified by ForAnyValue returns false" when the key is absent or resolves to an empty data set.
add({ name: 'set: ForAnyValue Deny without the key does not deny', policies: protectAttributes, actions: ['dynamodb:PutItem'], resources: [THREAD], expect: ['allowed'] });
add({ name: 'set: ForAnyValue Allow without the key does not allow', policies: guarded('ForAnyValue:StringEquals', 'aws:TagKeys', ['environment', 'cost-center']), actions: ['s3:GetObject'], expect: ['implicitDeny'] });
add({ name: 'set: ForAnyValue with an empty string value is false', policies: guarded('ForAnyValue:StringLike', 'aws:TagKeys', ['*']), actions: ['s3:GetObject'], context: [ctx('aws:TagKeys', 'stringList', '')], expect: ['implicitDeny'] });
// [multi] DenyRestrictedTags: ForAllValues:StringNotLike "aws:TagKeys": "key1*" — the User Guide's table of results.
const restricted = [policy(allow('iam:*')), policy({ Sid: 'DenyRestrictedTags', Effect: 'Deny', Action: ['iam:Tag*', 'iam:UnTag*'], Resource: ['*'], Condition: { 'ForAllValues:StringNotLike': { 'aws:TagKeys': 'key1*' } } })];
add({ name: 'set: DenyRestrictedTags, key1:legal — no match', policies: restricted, actions: ['iam:TagUser'], context: [ctx('aws:TagKeys', 'stringList', 'key1:legal')], expect: ['allowed'] });
add({ name: 'set: DenyRestrictedTags, key1:hr and key1:personnel — no match', policies: restricted, actions: ['iam:TagUser'], context: [ctx('aws:TagKeys', 'stringList', 'key1:hr', 'key1:personnel')], expect: ['allowed'] });
add({ name: 'set: DenyRestrictedTags, key2:audit — match', policies: restricted, actions: ['iam:TagUser'], context: [ctx('aws:TagKeys', 'stringList', 'key2:audit')], expect: ['explicitDeny'] });
add({ name: 'set: DenyRestrictedTags, no aws:TagKeys — match', policies: restricted, actions: ['iam:TagUser'], expect: ['explicitDeny'] });
add({ name: 'set: DenyRestrictedTags, key1 and key2 mixed — no match', policies: restricted, actions: ['iam:UntagUser'], context: [ctx('aws:TagKeys', 'stringList', 'key1:hr', 'key2:audit')], expect: ['allowed'] });
// [multi] The Null "false" guard: with it, a request without aws:TagKeys no longer matches the ForAllValues Deny.
const guardedTags = [policy(allow('iam:*')), policy({ Sid: 'DenyRestrictedTags', Effect: 'Deny', Action: ['iam:Tag*', 'iam:UnTag*'], Resource: ['*'], Condition: { Null: { 'aws:TagKeys': 'false' }, 'ForAllValues:StringLike': { 'aws:TagKeys': ['key1*', 'key2*', 'key3*'] } } })];
add({ name: 'set: Null-guarded ForAllValues Deny, no aws:TagKeys', policies: guardedTags, actions: ['iam:TagRole'], expect: ['allowed'] });
add({ name: 'set: Null-guarded ForAllValues Deny, all keys restricted', policies: guardedTags, actions: ['iam:TagRole'], context: [ctx('aws:TagKeys', 'stringList', 'key1a', 'key3b')], expect: ['explicitDeny'] });
add({ name: 'set: Null-guarded ForAllValues Deny, one unrestricted key', policies: guardedTags, actions: ['iam:TagRole'], context: [ctx('aws:TagKeys', 'stringList', 'key1a', 'owner')], expect: ['allowed'] });
// [multi] The ForAnyValue EC2 snapshot example: deny when any tag key is environment or webserver.
const snapshots = [policy(allow('ec2:*')), policy({ Effect: 'Deny', Action: 'ec2:CreateSnapshot', Resource: '*', Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['environment', 'webserver'] } } })];
add({ name: 'set: ForAnyValue Deny, one listed tag key', policies: snapshots, actions: ['ec2:CreateSnapshot'], context: [ctx('aws:TagKeys', 'stringList', 'environment', 'owner')], expect: ['explicitDeny'] });
add({ name: 'set: ForAnyValue Deny, no listed tag key', policies: snapshots, actions: ['ec2:CreateSnapshot'], context: [ctx('aws:TagKeys', 'stringList', 'owner', 'cost-center')], expect: ['allowed'] });
add({ name: 'set: ForAnyValue:StringEquals is case-sensitive', policies: snapshots, actions: ['ec2:CreateSnapshot'], context: [ctx('aws:TagKeys', 'stringList', 'Environment')], expect: ['allowed'] });
// [multi] ForAllValues with a negated operator: every value must match none of the policy values.
add({ name: 'set: ForAllValues:StringNotEquals, all values unlisted', policies: guarded('ForAllValues:StringNotEquals', 'aws:TagKeys', ['secret', 'internal']), actions: ['s3:GetObject'], context: [ctx('aws:TagKeys', 'stringList', 'owner', 'project')], expect: ['allowed'] });
add({ name: 'set: ForAllValues:StringNotEquals, one value listed', policies: guarded('ForAllValues:StringNotEquals', 'aws:TagKeys', ['secret', 'internal']), actions: ['s3:GetObject'], context: [ctx('aws:TagKeys', 'stringList', 'owner', 'secret')], expect: ['implicitDeny'] });
// [multi] ForAnyValue with a negated operator: at least one value must match none of the policy values.
add({ name: 'set: ForAnyValue:StringNotEquals, one value unlisted', policies: guarded('ForAnyValue:StringNotEquals', 'aws:TagKeys', ['owner', 'project']), actions: ['s3:GetObject'], context: [ctx('aws:TagKeys', 'stringList', 'owner', 'secret')], expect: ['allowed'] });
add({ name: 'set: ForAnyValue:StringNotEquals, every value listed', policies: guarded('ForAnyValue:StringNotEquals', 'aws:TagKeys', ['owner', 'project']), actions: ['s3:GetObject'], context: [ctx('aws:TagKeys', 'stringList', 'owner', 'project')], expect: ['implicitDeny'] });
// [multi] Set operators work with the other families too (ForAnyValue:IpAddress over an ipList; ForAllValues:NumericLessThan over a numericList).
add({ name: 'set: ForAnyValue:IpAddress over an ipList', policies: guarded('ForAnyValue:IpAddress', 'aws:SourceIp', '10.0.0.0/8'), actions: ['s3:GetObject'], context: [ctx('aws:SourceIp', 'ipList', '192.0.2.1', '10.20.30.40')], expect: ['allowed'] });
add({ name: 'set: ForAllValues:NumericLessThan over a numericList', policies: guarded('ForAllValues:NumericLessThan', 's3:max-keys', '100'), actions: ['s3:GetObject'], context: [ctx('s3:max-keys', 'numericList', '5', '150')], expect: ['implicitDeny'] });
add({ name: 'set: ForAllValues:StringEquals over a one-element stringList', policies: guarded('ForAllValues:StringEquals', 'aws:PrincipalOrgPaths', 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/'), actions: ['s3:GetObject'], context: [ctx('aws:PrincipalOrgPaths', 'stringList', 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/')], expect: ['allowed'] });

// ---------------------------------------------------------------------------------------------
// Policy variables
// ---------------------------------------------------------------------------------------------
const ownFolder = [policy(allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::mybucket/${aws:username}/*'))];
// [vars] "IAM replaces the variable ${aws:username} with the friendly name of the actual current user".
add({ name: 'vars: ${aws:username} in Resource, own folder', policies: ownFolder, actions: ['s3:PutObject'], resources: ['arn:aws:s3:::mybucket/alice/photo.jpg', 'arn:aws:s3:::mybucket/bob/photo.jpg'], context: [ctx('aws:username', 'string', 'alice')], expect: ['allowed', 'implicitDeny'] });
// [vars] "If AWS cannot resolve a variable, this might cause the entire statement to be invalid."
add({ name: 'vars: an unresolved variable does not match', policies: ownFolder, actions: ['s3:GetObject'], resources: ['arn:aws:s3:::mybucket/alice/photo.jpg'], expect: ['implicitDeny'], missing: ['aws:username'] });
// [vars] "If you don't include the Version element ..., variables like ${aws:username} are treated as literal strings in the policy."
const noVersion = { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::mybucket/${aws:username}/*' }] };
add({ name: 'vars: without Version the variable is literal text', policies: [noVersion], actions: ['s3:GetObject'], resources: ['arn:aws:s3:::mybucket/alice/photo.jpg'], context: [ctx('aws:username', 'string', 'alice')], expect: ['implicitDeny'] });
// [vars] "Variables were introduced in version 2012-10-17. Earlier versions of the policy language don't support policy variables."
add({ name: 'vars: Version 2008-10-17 keeps the variable literal', policies: [{ Version: '2008-10-17', Statement: noVersion.Statement }], actions: ['s3:GetObject'], resources: ['arn:aws:s3:::mybucket/alice/photo.jpg'], context: [ctx('aws:username', 'string', 'alice')], expect: ['implicitDeny'] });
// [vars] "the following Resource element refers to only a bucket that is named the same as the value in the requesting user's department tag".
add({ name: 'vars: ${aws:PrincipalTag/department} in Resource', policies: [policy(allow('s3:ListBucket', 'arn:aws:s3:::bucket-${aws:PrincipalTag/department}'))], actions: ['s3:ListBucket'], resources: ['arn:aws:s3:::bucket-finance', 'arn:aws:s3:::bucket-hr'], context: [ctx('aws:PrincipalTag/department', 'string', 'finance')], expect: ['allowed', 'implicitDeny'] });
// [vars] The SQS example: "arn:aws:sqs:us-east-2:*:${aws:username}-queue".
const ownQueues = [policy({ Sid: 'AllQueueActions', Effect: 'Allow', Action: 'sqs:*', Resource: 'arn:aws:sqs:us-east-2:*:${aws:username}-queue' })];
add({ name: 'vars: own queue in us-east-2 only', policies: ownQueues, actions: ['sqs:SendMessage'], resources: [`arn:aws:sqs:us-east-2:${ACCOUNT}:alice-queue`, `arn:aws:sqs:us-west-2:${ACCOUNT}:alice-queue`, `arn:aws:sqs:us-east-2:${ACCOUNT}:bob-queue`], context: [ctx('aws:username', 'string', 'alice')], expect: ['allowed', 'implicitDeny', 'implicitDeny'] });
// [vars] "You can use a policy variable for Condition values in any condition that involves the string operators".
const sameProject = guarded('StringEquals', 'aws:ResourceTag/project', '${aws:PrincipalTag/project}');
add({ name: 'vars: StringEquals against another key through a variable (equal)', policies: sameProject, actions: ['s3:GetObject'], context: [ctx('aws:ResourceTag/project', 'string', 'apollo'), ctx('aws:PrincipalTag/project', 'string', 'apollo')], expect: ['allowed'] });
add({ name: 'vars: StringEquals against another key through a variable (different)', policies: sameProject, actions: ['s3:GetObject'], context: [ctx('aws:ResourceTag/project', 'string', 'apollo'), ctx('aws:PrincipalTag/project', 'string', 'gemini')], expect: ['implicitDeny'] });
// [vars] The SNS example: "StringLike": {"sns:endpoint": "https://example.com/${aws:username}/"}.
add({ name: 'vars: StringLike with a variable in the value', policies: guarded('StringLike', 'sns:endpoint', 'https://example.com/${aws:username}/'), actions: ['s3:GetObject'], context: [ctx('sns:endpoint', 'string', 'https://example.com/alice/'), ctx('aws:username', 'string', 'alice')], expect: ['allowed'] });
// [vars] "To add a default value to a variable, surround the default value with single quotes (' '), and separate the variable text and the default value with a comma and space (, )."
const withDefault = [policy(allow('s3:GetObject', "arn:aws:s3:::shared/${aws:PrincipalTag/team, 'company-wide'}/*"))];
add({ name: 'vars: the default value is used when the key is absent', policies: withDefault, actions: ['s3:GetObject'], resources: ['arn:aws:s3:::shared/company-wide/handbook.pdf', 'arn:aws:s3:::shared/red/plan.pdf'], expect: ['allowed', 'implicitDeny'] });
add({ name: 'vars: the key value wins over the default', policies: withDefault, actions: ['s3:GetObject'], resources: ['arn:aws:s3:::shared/red/plan.pdf', 'arn:aws:s3:::shared/company-wide/handbook.pdf'], context: [ctx('aws:PrincipalTag/team', 'string', 'red')], expect: ['allowed', 'implicitDeny'] });
add({ name: "vars: a default in a condition value (aws:userid, 'anonymous')", policies: guarded('StringEquals', 's3:prefix', "${aws:userid, 'anonymous'}/"), actions: ['s3:GetObject'], context: [ctx('s3:prefix', 'string', 'anonymous/')], expect: ['allowed'] });
// [vars] "${*} - use where you need an * (asterisk) character" (a literal, not a wildcard).
add({ name: 'vars: ${*} is a literal asterisk under StringLike (no match)', policies: guarded('StringLike', 's3:prefix', 'home/${*}'), actions: ['s3:GetObject'], context: [ctx('s3:prefix', 'string', 'home/alice')], expect: ['implicitDeny'] });
add({ name: 'vars: ${*} is a literal asterisk under StringLike (match)', policies: guarded('StringLike', 's3:prefix', 'home/${*}'), actions: ['s3:GetObject'], context: [ctx('s3:prefix', 'string', 'home/*')], expect: ['allowed'] });
// [vars] "${?} - use where you need a ? (question mark) character".
add({ name: 'vars: ${?} is a literal question mark', policies: guarded('StringLike', 's3:prefix', 'faq${?}'), actions: ['s3:GetObject'], context: [ctx('s3:prefix', 'string', 'faqs')], expect: ['implicitDeny'] });
// [vars] "${$} - use where you need a $ (dollar sign) character".
add({ name: 'vars: ${$} is a dollar sign', policies: guarded('StringEquals', 's3:prefix', 'price${$}'), actions: ['s3:GetObject'], context: [ctx('s3:prefix', 'string', 'price$')], expect: ['allowed'] });
// [vars] "Key names are case-insensitive" — also inside a variable.
add({ name: 'vars: variable key names are case-insensitive', policies: ownFolder, actions: ['s3:GetObject'], resources: ['arn:aws:s3:::mybucket/alice/photo.jpg'], context: [ctx('AWS:UserName', 'string', 'alice')], expect: ['allowed'] });
// [ops] "You can use a policy variable with the Boolean condition operator."
add({ name: 'vars: a variable in a Bool condition value', policies: guarded('Bool', 'aws:SecureTransport', '${aws:PrincipalTag/tls-required}'), actions: ['s3:GetObject'], context: [ctx('aws:SecureTransport', 'boolean', 'true'), ctx('aws:PrincipalTag/tls-required', 'string', 'true')], expect: ['allowed'] });

// ---------------------------------------------------------------------------------------------
// Permissions boundaries
// ---------------------------------------------------------------------------------------------
// [pb] "An entity's permissions boundary allows it to perform only the actions that are allowed by both its identity-based policies and its permissions boundaries."
const s3All = policy(allow('s3:*'));
const readBoundary = policy(allow(['s3:GetObject', 's3:ListBucket']));
add({ name: 'boundary: allowed by both', policies: [s3All], boundary: [readBoundary], actions: ['s3:GetObject'], expect: ['allowed'], boundaryAllows: [true] });
add({ name: 'boundary: allowed by identity only', policies: [s3All], boundary: [readBoundary], actions: ['s3:PutObject'], expect: ['implicitDeny'], boundaryAllows: [false] });
// [pb] "Permissions boundaries do not grant permissions on their own."
add({ name: 'boundary: allowed by the boundary only', policies: [policy(allow('ec2:*'))], boundary: [readBoundary], actions: ['s3:GetObject'], expect: ['implicitDeny'], boundaryAllows: [true] });
// [eval] "An explicit deny in any of these policies overrides the allow."
add({ name: 'boundary: an explicit deny in the boundary', policies: [s3All], boundary: [policy(allow('s3:*'), deny('s3:DeleteBucket'))], actions: ['s3:DeleteBucket', 's3:DeleteObject'], expect: ['explicitDeny', 'allowed'] });
add({ name: 'boundary: an explicit deny in the identity policy within the boundary', policies: [policy(allow('s3:*'), deny('s3:PutObject'))], boundary: [policy(allow('s3:*'))], actions: ['s3:PutObject'], expect: ['explicitDeny'] });
// [pb] The boundary's conditions apply as in any policy.
const ipBoundary = policy(allow('*', '*', { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }));
add({ name: 'boundary: a boundary condition that holds', policies: [s3All], boundary: [ipBoundary], actions: ['s3:GetObject'], context: [ctx('aws:SourceIp', 'ip', '10.1.2.3')], expect: ['allowed'], boundaryAllows: [true] });
add({ name: 'boundary: a boundary condition that fails', policies: [s3All], boundary: [ipBoundary], actions: ['s3:GetObject'], context: [ctx('aws:SourceIp', 'ip', '192.0.2.3')], expect: ['implicitDeny'], boundaryAllows: [false] });
// [pb] The boundary restricts by resource as well.
add({ name: 'boundary: limited to one bucket', policies: [s3All], boundary: [policy(allow('s3:*', ['arn:aws:s3:::team-bucket', 'arn:aws:s3:::team-bucket/*']))], actions: ['s3:GetObject'], resources: ['arn:aws:s3:::team-bucket/a', 'arn:aws:s3:::other-bucket/a'], expect: ['allowed', 'implicitDeny'], boundaryAllows: [true, false] });

// ---------------------------------------------------------------------------------------------
// Resource-based policies (ResourcePolicy, CallerArn, ResourceOwner)
// ---------------------------------------------------------------------------------------------
const bucketPolicy = (principal: object | string, effect = 'Allow', Condition?: object) => ({ Version: '2012-10-17', Statement: [{ Effect: effect, Principal: principal, Action: 's3:GetObject', Resource: 'arn:aws:s3:::shared-bucket/*', ...(Condition ? { Condition } : {}) }] });
const OBJECT = 'arn:aws:s3:::shared-bucket/data.csv';
// [eval] "If an action is allowed by an identity-based policy, a resource-based policy, or both, then AWS allows the action" (same account).
add({ name: 'resource policy: same account, only the bucket policy allows the caller', policies: [policy(allow('ec2:DescribeInstances'))], resourcePolicy: bucketPolicy({ AWS: ALICE }), callerArn: ALICE, actions: ['s3:GetObject'], resources: [OBJECT], expect: ['allowed'] });
add({ name: 'resource policy: same account, only the identity policy allows', policies: [policy(allow('s3:GetObject'))], resourcePolicy: bucketPolicy({ AWS: BOB }), callerArn: ALICE, actions: ['s3:GetObject'], resources: [OBJECT], expect: ['allowed'] });
add({ name: 'resource policy: same account, neither allows the caller', policies: [policy(allow('ec2:DescribeInstances'))], resourcePolicy: bucketPolicy({ AWS: BOB }), callerArn: ALICE, actions: ['s3:GetObject'], resources: [OBJECT], expect: ['implicitDeny'] });
add({ name: 'resource policy: Principal "*" allows any caller', policies: [policy(allow('ec2:DescribeInstances'))], resourcePolicy: bucketPolicy('*'), callerArn: ALICE, actions: ['s3:GetObject'], resources: [OBJECT], expect: ['allowed'] });
// [eval] "An explicit deny in any policy overrides any allows" — including a resource-based policy.
add({ name: 'resource policy: an explicit deny in the bucket policy', policies: [policy(allow('s3:*'))], resourcePolicy: bucketPolicy({ AWS: ALICE }, 'Deny'), callerArn: ALICE, actions: ['s3:GetObject'], resources: [OBJECT], expect: ['explicitDeny'] });
add({ name: 'resource policy: a Deny naming another principal does not apply', policies: [policy(allow('s3:*'))], resourcePolicy: bucketPolicy({ AWS: BOB }, 'Deny'), callerArn: ALICE, actions: ['s3:GetObject'], resources: [OBJECT], expect: ['allowed'] });
// [eval] Conditions in a resource policy are evaluated against the same context.
const ipBucket = bucketPolicy({ AWS: ALICE }, 'Allow', { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } });
add({ name: 'resource policy: its condition holds', policies: [policy(allow('ec2:DescribeInstances'))], resourcePolicy: ipBucket, callerArn: ALICE, actions: ['s3:GetObject'], resources: [OBJECT], context: [ctx('aws:SourceIp', 'ip', '203.0.113.50')], expect: ['allowed'] });
add({ name: 'resource policy: its condition fails', policies: [policy(allow('ec2:DescribeInstances'))], resourcePolicy: ipBucket, callerArn: ALICE, actions: ['s3:GetObject'], resources: [OBJECT], context: [ctx('aws:SourceIp', 'ip', '198.51.100.50')], expect: ['implicitDeny'] });
// [eval] NotPrincipal with Deny: denies every principal except the ones named.
const notBob = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', NotPrincipal: { AWS: [BOB, `arn:aws:iam::${ACCOUNT}:root`] }, Action: 's3:*', Resource: ['arn:aws:s3:::shared-bucket', 'arn:aws:s3:::shared-bucket/*'] }] };
add({ name: 'resource policy: Deny with NotPrincipal denies a caller not listed', policies: [policy(allow('s3:*'))], resourcePolicy: notBob, callerArn: ALICE, actions: ['s3:GetObject'], resources: [OBJECT], expect: ['explicitDeny'] });
// [eval] Cross-account: "the identity-based policy in the trusted account and the resource-based policy must both allow".
const OWNER = `arn:aws:iam::${OTHER}:root`;
add({ name: 'cross-account: both policies allow', policies: [policy(allow('s3:GetObject'))], resourcePolicy: bucketPolicy({ AWS: ALICE }), callerArn: ALICE, resourceOwner: OWNER, actions: ['s3:GetObject'], resources: [OBJECT], expect: ['allowed'] });
add({ name: 'cross-account: only the resource policy allows', policies: [policy(allow('ec2:DescribeInstances'))], resourcePolicy: bucketPolicy({ AWS: ALICE }), callerArn: ALICE, resourceOwner: OWNER, actions: ['s3:GetObject'], resources: [OBJECT], expect: ['implicitDeny'] });
add({ name: 'cross-account: only the identity policy allows', policies: [policy(allow('s3:GetObject'))], resourcePolicy: bucketPolicy({ AWS: BOB }), callerArn: ALICE, resourceOwner: OWNER, actions: ['s3:GetObject'], resources: [OBJECT], expect: ['implicitDeny'] });
// [eval] A resource policy naming the caller's account delegates to that account's identity policies.
add({ name: "cross-account: the resource policy names the caller's account", policies: [policy(allow('s3:GetObject'))], resourcePolicy: bucketPolicy({ AWS: ACCOUNT }), callerArn: ALICE, resourceOwner: OWNER, actions: ['s3:GetObject'], resources: [OBJECT], expect: ['allowed'] });
add({ name: 'cross-account: an explicit deny in the resource policy', policies: [policy(allow('s3:GetObject'))], resourcePolicy: bucketPolicy({ AWS: ALICE }, 'Deny'), callerArn: ALICE, resourceOwner: OWNER, actions: ['s3:GetObject'], resources: [OBJECT], expect: ['explicitDeny'] });
// [pb] "Within the same account, resource-based policies that grant permissions to an IAM user ARN ... are not limited by an implicit deny in an identity-based policy or permissions boundary."
add({ name: 'resource policy: a grant to the user ARN is not limited by the boundary', policies: [policy(allow('ec2:*'))], boundary: [policy(allow('ec2:*'))], resourcePolicy: bucketPolicy({ AWS: ALICE }), callerArn: ALICE, actions: ['s3:GetObject'], resources: [OBJECT], expect: ['allowed'] });

// [api] ResourceOwner: "the owner of any simulated resource that does not identify its owner in the resource ARN" — a queue ARN names its account.
const queuePolicy = (queue: string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: ALICE }, Action: 'sqs:SendMessage', Resource: queue }] });
const FOREIGN_QUEUE = `arn:aws:sqs:us-east-1:${OTHER}:orders`;
const OWN_QUEUE = `arn:aws:sqs:us-east-1:${ACCOUNT}:orders`;
add({ name: "cross-account: a queue ARN in another account, the queue policy alone", policies: [policy(allow('ec2:DescribeInstances'))], resourcePolicy: queuePolicy(FOREIGN_QUEUE), callerArn: ALICE, actions: ['sqs:SendMessage'], resources: [FOREIGN_QUEUE], expect: ['implicitDeny'] });
add({ name: 'cross-account: a queue ARN in another account, both sides allow', policies: [policy(allow('sqs:SendMessage'))], resourcePolicy: queuePolicy(FOREIGN_QUEUE), callerArn: ALICE, actions: ['sqs:SendMessage'], resources: [FOREIGN_QUEUE], expect: ['allowed'] });
add({ name: "resource policy: a queue ARN in the caller's account, the queue policy alone", policies: [policy(allow('ec2:DescribeInstances'))], resourcePolicy: queuePolicy(OWN_QUEUE), callerArn: ALICE, actions: ['sqs:SendMessage'], resources: [OWN_QUEUE], expect: ['allowed'] });
// [eval] Principal forms: an account id and the account root ARN name the account; a same-account grant to the account still needs the identity policy.
add({ name: 'resource policy: Principal by account root ARN, identity allows', policies: [policy(allow('s3:GetObject'))], resourcePolicy: bucketPolicy({ AWS: `arn:aws:iam::${ACCOUNT}:root` }), callerArn: ALICE, resourceOwner: OWNER, actions: ['s3:GetObject'], resources: [OBJECT], expect: ['allowed'] });
add({ name: 'resource policy: Principal as a list naming the caller', policies: [policy(allow('ec2:DescribeInstances'))], resourcePolicy: bucketPolicy({ AWS: [BOB, ALICE] }), callerArn: ALICE, actions: ['s3:GetObject'], resources: [OBJECT], expect: ['allowed'] });
add({ name: 'resource policy: Principal {"AWS": "*"} names everyone', policies: [policy(allow('ec2:DescribeInstances'))], resourcePolicy: bucketPolicy({ AWS: '*' }), callerArn: ALICE, actions: ['s3:GetObject'], resources: [OBJECT], expect: ['allowed'] });
add({ name: 'resource policy: its Resource element must match the simulated resource', policies: [policy(allow('ec2:DescribeInstances'))], resourcePolicy: bucketPolicy({ AWS: ALICE }), callerArn: ALICE, actions: ['s3:GetObject'], resources: ['arn:aws:s3:::another-bucket/data.csv'], expect: ['implicitDeny'] });
add({ name: 'resource policy: its Action element must match the simulated action', policies: [policy(allow('ec2:DescribeInstances'))], resourcePolicy: bucketPolicy({ AWS: ALICE }), callerArn: ALICE, actions: ['s3:PutObject'], resources: [OBJECT], expect: ['implicitDeny'] });

// ---------------------------------------------------------------------------------------------
// Document forms
// ---------------------------------------------------------------------------------------------
// [elements] Statement may be a single object rather than a list; Sid is optional and does not change the decision.
add({ name: 'document: a single statement object with a Sid', policies: [{ Version: '2012-10-17', Statement: { Sid: 'ReadReports', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' } }], actions: ['s3:GetObject'], resources: ['arn:aws:s3:::reports/q1.csv'], expect: ['allowed'] });
// [elements] Action and Resource may be a string or a list; an Id element is allowed.
add({ name: 'document: Id element and list-valued elements', policies: [{ Version: '2012-10-17', Id: 'reports-policy', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::reports/*'] }] }], actions: ['s3:GetObject'], resources: ['arn:aws:s3:::reports/q2.csv'], expect: ['allowed'] });
// [eval] Several statements: one allowing by action, another denying by resource.
add({ name: 'document: allow by action, deny by resource across statements', policies: [policy(allow('s3:*', 'arn:aws:s3:::data/*'), deny('s3:*', 'arn:aws:s3:::data/private/*'))], actions: ['s3:GetObject'], resources: ['arn:aws:s3:::data/public/a', 'arn:aws:s3:::data/private/a'], expect: ['allowed', 'explicitDeny'] });

// ---------------------------------------------------------------------------------------------
// Several resources: one EvaluationResult per action, per-resource decisions in ResourceSpecificResults
// ---------------------------------------------------------------------------------------------
// [api] "To see the decision for each individual resource, use ResourceSpecificResults."
add({ name: 'resources: decisions per resource', policies: [policy(allow('s3:GetObject', 'arn:aws:s3:::bucket1/*'), deny('s3:GetObject', 'arn:aws:s3:::bucket1/secret/*'))], actions: ['s3:GetObject', 's3:PutObject'], resources: ['arn:aws:s3:::bucket1/a', 'arn:aws:s3:::bucket2/a', 'arn:aws:s3:::bucket1/secret/b'], expect: ['allowed', 'implicitDeny', 'explicitDeny', 'implicitDeny', 'implicitDeny', 'implicitDeny'] });

function input(c: Case): SimulateCustomPolicyCommandInput {
  return {
    PolicyInputList: c.policies.map((p) => JSON.stringify(p)),
    ActionNames: c.actions,
    ...(c.resources ? { ResourceArns: c.resources } : {}),
    ...(c.boundary ? { PermissionsBoundaryPolicyInputList: c.boundary.map((p) => JSON.stringify(p)) } : {}),
    ...(c.resourcePolicy ? { ResourcePolicy: JSON.stringify(c.resourcePolicy) } : {}),
    ...(c.callerArn ? { CallerArn: c.callerArn } : {}),
    ...(c.resourceOwner ? { ResourceOwner: c.resourceOwner } : {}),
    ...(c.context ? { ContextEntries: c.context } : {}),
  };
}

/** Decisions per action × resource: ResourceSpecificResults when resources were named, else EvalDecision. */
function decisions(r: SimulatePolicyResponse): string[] {
  return r.EvaluationResults!.flatMap((e) => (e.ResourceSpecificResults?.length ? e.ResourceSpecificResults.map((s) => s.EvalResourceDecision!) : [e.EvalDecision!]));
}

const severity: Record<Decision, number> = { allowed: 0, implicitDeny: 1, explicitDeny: 2 };

let server: Rolegate;
let iam: IAMClient;
before(async () => {
  server = await startRolegate();
  iam = server.iam();
});
after(() => server.stop());

describe('SimulateCustomPolicy conformance with the AWS documentation', () => {
  test('the corpus has at least 150 cases', () => assert.ok(cases.length >= 150, `${cases.length} cases`));
  for (const c of cases) {
    test(c.name, async () => {
      const r = await iam.send(new SimulateCustomPolicyCommand(input(c)));
      assert.deepEqual(decisions(r), c.expect);
      // [api] One EvaluationResult per action; its EvalDecision "reflects the most restrictive decision across all resources".
      assert.deepEqual(r.EvaluationResults!.map((e) => e.EvalActionName), c.actions);
      const perAction = c.resources?.length ?? 1;
      r.EvaluationResults!.forEach((e, i) => {
        const mine = c.expect.slice(i * perAction, (i + 1) * perAction);
        const worst = mine.reduce((a, b) => (severity[b] > severity[a] ? b : a));
        assert.equal(e.EvalDecision, worst, `aggregate decision of ${e.EvalActionName}`);
      });
      if (c.missing) {
        const seen = new Set(r.EvaluationResults!.flatMap((e) => [...(e.MissingContextValues ?? []), ...(e.ResourceSpecificResults ?? []).flatMap((s) => s.MissingContextValues ?? [])]).map((k) => k.toLowerCase()));
        for (const k of c.missing) assert.ok(seen.has(k.toLowerCase()), `MissingContextValues names ${k}`);
      }
      if (c.boundaryAllows) {
        const got = r.EvaluationResults!.flatMap((e) =>
          e.ResourceSpecificResults?.length ? e.ResourceSpecificResults.map((s) => s.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary) : [e.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary]);
        assert.deepEqual(got, c.boundaryAllows);
      }
    });
  }
});

describe('SimulateCustomPolicy response shape per the API reference', () => {
  // [api] MatchedStatements: "if any statement denies that operation, then the explicit deny overrides any allow. In addition, the deny statement is the only entry included in the result."
  test('an explicit deny reports only the deny statement', async () => {
    const r = await iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [JSON.stringify(policy(allow('s3:*'))), JSON.stringify(policy(deny('s3:GetObject')))], ActionNames: ['s3:GetObject'] }));
    assert.equal(r.EvaluationResults![0].EvalDecision, 'explicitDeny');
    assert.deepEqual(r.EvaluationResults![0].MatchedStatements!.map((s) => s.SourcePolicyId), ['PolicyInputList.2']);
  });

  // [api] An implicit deny has no statement that determined it.
  test('an implicit deny reports no matched statements', async () => {
    const r = await iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [JSON.stringify(policy(allow('s3:GetObject')))], ActionNames: ['s3:PutObject'] }));
    assert.deepEqual(r.EvaluationResults![0].MatchedStatements, []);
  });

  // [api] "The simulator now returns a single EvaluationResult per action, regardless of how many resource ARNs are provided ... The top-level EvalDecision reflects the most restrictive decision across all resources."
  test('several resources give one result per action with per-resource results inside', async () => {
    const r = await iam.send(new SimulateCustomPolicyCommand({
      PolicyInputList: [JSON.stringify(policy(allow('s3:GetObject', 'arn:aws:s3:::a/*')))],
      ActionNames: ['s3:GetObject'], ResourceArns: ['arn:aws:s3:::a/1', 'arn:aws:s3:::b/1'],
    }));
    assert.equal(r.EvaluationResults!.length, 1);
    const e = r.EvaluationResults![0];
    assert.equal(e.EvalDecision, 'implicitDeny');
    // The top level is about the action's resource type, not about the first ARN (which is allowed).
    assert.equal(e.EvalResourceName, 'arn:aws:s3:::${BucketName}/${ObjectName}');
    assert.deepEqual(e.ResourceSpecificResults!.map((s) => [s.EvalResourceName, s.EvalResourceDecision]), [['arn:aws:s3:::a/1', 'allowed'], ['arn:aws:s3:::b/1', 'implicitDeny']]);
    assert.equal(e.ResourceSpecificResults![0].MatchedStatements!.length, 1);
  });

  // [issue 12.6] With one resource the top level names it; with several, the resource type of the
  // action that the ARNs are (a bucket for s3:ListBucket), or "*" for an action without resource types.
  test('the top-level EvalResourceName: the ARN alone, else the action\'s resource-type ARN format', async () => {
    const doc = JSON.stringify(policy(allow('s3:*', '*')));
    const one = await iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [doc], ActionNames: ['s3:GetObject'], ResourceArns: ['arn:aws:s3:::a/1'] }));
    assert.equal(one.EvaluationResults![0].EvalResourceName, 'arn:aws:s3:::a/1');
    const buckets = await iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [doc], ActionNames: ['s3:ListBucket', 's3:ListAllMyBuckets'], ResourceArns: ['arn:aws:s3:::a', 'arn:aws:s3:::b'] }));
    assert.deepEqual(buckets.EvaluationResults!.map((r) => [r.EvalActionName, r.EvalResourceName, r.EvalDecision]), [
      ['s3:ListBucket', 'arn:aws:s3:::${BucketName}', 'allowed'],
      ['s3:ListAllMyBuckets', '*', 'allowed'],
    ]);
  });

  // [api] ResourceSpecificResult.MissingContextValues: "This list is used when a list of ARNs is included in the ResourceArns parameter".
  test('missing context keys are reported per resource when resources are named', async () => {
    const r = await iam.send(new SimulateCustomPolicyCommand({
      PolicyInputList: [JSON.stringify(policy(allow('s3:GetObject', '*', { StringEquals: { 'aws:PrincipalTag/team': 'red' } })))],
      ActionNames: ['s3:GetObject'], ResourceArns: ['arn:aws:s3:::a/1'],
    }));
    assert.deepEqual(r.EvaluationResults![0].ResourceSpecificResults![0].MissingContextValues, ['aws:PrincipalTag/team']);
  });

  // [api] MaxItems / Marker page the EvaluationResults, one per action.
  test('MaxItems pages results per action', async () => {
    const base = { PolicyInputList: [JSON.stringify(policy(allow('s3:*')))], ActionNames: ['s3:GetObject', 's3:PutObject', 's3:ListBucket'], ResourceArns: ['arn:aws:s3:::a/1', 'arn:aws:s3:::a/2'] };
    const first = await iam.send(new SimulateCustomPolicyCommand({ ...base, MaxItems: 2 }));
    assert.deepEqual(first.EvaluationResults!.map((e) => e.EvalActionName), ['s3:GetObject', 's3:PutObject']);
    assert.equal(first.IsTruncated, true);
    const rest = await iam.send(new SimulateCustomPolicyCommand({ ...base, MaxItems: 2, Marker: first.Marker }));
    assert.deepEqual(rest.EvaluationResults!.map((e) => e.EvalActionName), ['s3:ListBucket']);
    assert.equal(rest.IsTruncated, false);
  });

  // [api] EvalDecisionDetails "is populated for only cross-account simulations".
  test('a cross-account simulation explains each side', async () => {
    const r = await iam.send(new SimulateCustomPolicyCommand({
      PolicyInputList: [JSON.stringify(policy(allow('s3:GetObject')))], ResourcePolicy: JSON.stringify(bucketPolicy({ AWS: BOB })),
      CallerArn: ALICE, ResourceOwner: OWNER, ActionNames: ['s3:GetObject'], ResourceArns: [OBJECT],
    }));
    const e = r.EvaluationResults![0];
    assert.equal(e.EvalDecision, 'implicitDeny');
    assert.ok(e.EvalDecisionDetails && Object.keys(e.EvalDecisionDetails).length > 0);
  });

  // [policies_elements_notprincipal] A Deny with NotPrincipal denies everyone but the principals it names.
  test('a resource policy\'s Deny with NotPrincipal naming the caller does not deny that caller; it denies another', async () => {
    const resourcePolicy = JSON.stringify(policy({ Effect: 'Deny', NotPrincipal: { AWS: ALICE }, Action: 's3:*', Resource: OBJECT }));
    const ask = (CallerArn: string) => iam.send(new SimulateCustomPolicyCommand({
      PolicyInputList: [JSON.stringify(policy(allow('s3:GetObject')))], ResourcePolicy: resourcePolicy, CallerArn, ActionNames: ['s3:GetObject'], ResourceArns: [OBJECT],
    }));
    assert.equal((await ask(ALICE)).EvaluationResults![0].EvalDecision, 'allowed');
    assert.equal((await ask(`arn:aws:iam::${ACCOUNT}:user/mallory`)).EvaluationResults![0].EvalDecision, 'explicitDeny');
  });
});

describe('SimulateCustomPolicy input validation per the API reference', () => {
  const ok = JSON.stringify(policy(allow('s3:*')));
  // [api] ActionNames: "This operation does not support using wildcards (*) in an action name."
  test('a wildcard action name is InvalidInput', () => rejectsWith(iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [ok], ActionNames: ['s3:*'] })), 'InvalidInputException', 400));
  // [api] "Each operation must include the service identifier, such as iam:CreateUser."
  test('an action name without a service prefix is InvalidInput', () => rejectsWith(iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [ok], ActionNames: ['GetObject'] })), 'InvalidInputException', 400));
  // [api] CallerArn "is required if you include a ResourcePolicy".
  test('a ResourcePolicy without CallerArn is InvalidInput', () => rejectsWith(iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [ok], ActionNames: ['s3:GetObject'], ResourcePolicy: JSON.stringify(bucketPolicy('*')) })), 'InvalidInputException', 400));
  // [api] "You can specify only the ARN of an IAM user. You cannot specify the ARN of an assumed role, federated user, or a service principal."
  test('an assumed-role CallerArn is InvalidInput', () => rejectsWith(iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [ok], ActionNames: ['s3:GetObject'], CallerArn: `arn:aws:sts::${ACCOUNT}:assumed-role/r/s` })), 'InvalidInputException', 400));
  // [api] PolicyInputList: "the complete, valid JSON text of an IAM policy".
  test('a policy that is not JSON is InvalidInput', () => rejectsWith(iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: ['{"Version": "2012-10-17", "Statement": ['], ActionNames: ['s3:GetObject'] })), 'InvalidInputException', 400));
  // [api] "Do not include any resource-based policies in this parameter."
  test('a policy with a Principal in PolicyInputList is InvalidInput', () => rejectsWith(iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [JSON.stringify(bucketPolicy('*'))], ActionNames: ['s3:GetObject'] })), 'InvalidInputException', 400));
});
