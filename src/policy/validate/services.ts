// A small table of AWS service prefixes, and for a few services their complete action lists, for
// Access Analyzer-style findings. Data only. Actions are checked for the services in
// `actionLists`; for the other known prefixes only the prefix is checked.

/** Service prefixes rolegate recognises (from the Service Authorization Reference). */
export const knownServicePrefixes: ReadonlySet<string> = new Set([
  'iam', 'sts', 's3', 's3-object-lambda', 'kinesis', 'firehose', 'personalize', 'mobiletargeting', 'logs', 'kms',
  'ec2', 'lambda', 'dynamodb', 'sqs', 'sns', 'cloudwatch', 'cloudformation', 'cloudtrail', 'events', 'ecr', 'ecs',
  'eks', 'elasticloadbalancing', 'autoscaling', 'rds', 'secretsmanager', 'ssm', 'organizations', 'route53', 'acm',
  'apigateway', 'execute-api', 'states', 'glue', 'athena', 'redshift', 'elasticmapreduce', 'sagemaker', 'ses',
  'cognito-identity', 'cognito-idp', 'cloudfront', 'codebuild', 'codecommit', 'codepipeline', 'codedeploy', 'config',
  'guardduty', 'access-analyzer', 'tag', 'xray', 'backup', 'elasticfilesystem', 'es', 'kafka', 'mq', 'batch',
  'appsync', 'dax', 'glacier', 'health', 'support', 'trustedadvisor', 'servicequotas', 'sso', 'identitystore',
  'account', 'billing', 'ce', 'cur', 'pricing', 'waf', 'wafv2', 'shield', 'inspector2', 'securityhub', 'macie2',
  'kinesisanalytics', 'kinesisvideo', 'pinpoint', 'ses', 'sms-voice', 'mobileanalytics', 'airflow', 'bedrock',
]);

const list = (names: string) => new Set(names.trim().split(/\s+/).map((n) => n.toLowerCase()));

/** Complete action lists (lower-case) of the services whose actions are checked. */
export const actionLists: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['sts', list(`AssumeRole AssumeRoleWithSAML AssumeRoleWithWebIdentity AssumeRoot DecodeAuthorizationMessage
    GetAccessKeyInfo GetCallerIdentity GetFederationToken GetServiceBearerToken GetSessionToken SetContext
    SetSourceIdentity TagSession`)],
  ['kinesis', list(`AddTagsToStream CreateStream DecreaseStreamRetentionPeriod DeleteResourcePolicy DeleteStream
    DeregisterStreamConsumer DescribeAccountSettings DescribeLimits DescribeStream DescribeStreamConsumer
    DescribeStreamSummary DisableEnhancedMonitoring EnableEnhancedMonitoring GetRecords GetResourcePolicy
    GetShardIterator IncreaseStreamRetentionPeriod ListShards ListStreamConsumers ListStreams ListTagsForResource
    ListTagsForStream MergeShards PutRecord PutRecords PutResourcePolicy RegisterStreamConsumer RemoveTagsFromStream
    SplitShard StartStreamEncryption StopStreamEncryption SubscribeToShard TagResource UntagResource
    UpdateAccountSettings UpdateMaxRecordSize UpdateShardCount UpdateStreamMode UpdateStreamWarmThroughput`)],
  ['firehose', list(`CreateDeliveryStream DeleteDeliveryStream DescribeDeliveryStream ListDeliveryStreams
    ListTagsForDeliveryStream PutRecord PutRecordBatch StartDeliveryStreamEncryption StopDeliveryStreamEncryption
    TagDeliveryStream UntagDeliveryStream UpdateDestination`)],
]);
