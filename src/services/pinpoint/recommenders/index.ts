// Pinpoint's recommender model configurations (the Recommender Models and Recommender Model
// resources, /v1/recommenders): CreateRecommenderConfiguration, GetRecommenderConfiguration,
// GetRecommenderConfigurations (PageSize / Token), UpdateRecommenderConfiguration and
// DeleteRecommenderConfiguration. A configuration belongs to the caller's account in the request's
// region; its record keeps the RecommenderConfigurationResponse members but Id and CreationDate
// (the record's id and createdAt) in `data`. Every request is checked whole before anything is
// written, with the rules the API reference gives for the CreateRecommenderConfiguration and
// UpdateRecommenderConfiguration shapes:
//   RecommendationProviderUri      required; the ARN of an Amazon Personalize campaign (or recommender):
//                                  arn:aws:personalize:REGION:ACCOUNT:campaign/NAME | …:recommender/NAME
//                                  (NAME as Personalize's Name: [a-zA-Z0-9][a-zA-Z0-9_-]*, ≤ 63)
//   RecommendationProviderRoleArn  required; an IAM role ARN (arn:aws:iam::ACCOUNT:role/[PATH/]NAME)
//   RecommendationProviderIdType   PINPOINT_ENDPOINT_ID (the default) | PINPOINT_USER_ID
//   RecommendationTransformerUri   optional; a Lambda function's name (optionally :qualifier) or ARN
//   Attributes                     1–10 entries; required with RecommendationTransformerUri and not
//                                  accepted without it. Key: "Recommendations." then a name that starts
//                                  with a letter or number, ≤ 50 letters, numbers, _ or -. Value (the
//                                  display name): starts with a letter or number, ≤ 25 letters,
//                                  numbers, spaces, _ or -.
//   RecommendationsDisplayName     ≤ 25 letters, numbers, spaces, _ or -; required without a
//                                  RecommendationTransformerUri
//   RecommendationsPerMessage      an integer 1–5 (default 5)
//   Name                           starts with a letter or number, ≤ 128 letters, numbers, spaces, _ or -
//   Description                    ≤ 128 letters, numbers, spaces or _ ; ( ) , -
// UpdateRecommenderConfiguration is a PUT of the whole configuration: what it leaves out is gone
// (and the defaults apply again); Id and CreationDate stay, LastModifiedDate is the update's time.
import type { Operations } from '../../../generated/pinpoint/operations.js';
import type { CreateRecommenderConfiguration, RecommenderConfigurationResponse } from '../../../generated/pinpoint/shapes.js';
import type { RecommenderRecord } from '../../../store/types.js';
import type { HandlerContext, ServiceHandlers } from '../../types.js';
import { badRequest, isoDate, listPage, newId, notFound } from '../common.js';

const ID_TYPES = ['PINPOINT_ENDPOINT_ID', 'PINPOINT_USER_ID'] as const;
const DEFAULT_ID_TYPE = 'PINPOINT_ENDPOINT_ID';
const DEFAULT_PER_MESSAGE = 5;
const MAX_PER_MESSAGE = 5;
const MAX_ATTRIBUTES = 10;

const PERSONALIZE_ARN = /^arn:aws[a-z-]*:personalize:[a-z]{2}(-gov)?-[a-z]+-\d:\d{12}:(campaign|recommender)\/[a-zA-Z0-9][a-zA-Z0-9_-]{0,62}$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/([\x21-\x7e]+\/)?[\w+=,.@-]{1,64}$/;
const LAMBDA_NAME = /^[a-zA-Z0-9_-]{1,64}(:(\$LATEST|[a-zA-Z0-9_-]{1,128}))?$/;
const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:[a-z]{2}(-gov)?-[a-z]+-\d:\d{12}:function:[a-zA-Z0-9_-]{1,64}(:(\$LATEST|[a-zA-Z0-9_-]{1,128}))?$/;
const ATTRIBUTE_KEY = /^Recommendations\.[a-zA-Z0-9][a-zA-Z0-9_-]{0,49}$/;
const ATTRIBUTE_DISPLAY_NAME = /^[a-zA-Z0-9][a-zA-Z0-9 _-]{0,24}$/;
const DISPLAY_NAME = /^[a-zA-Z0-9 _-]{1,25}$/;
const NAME = /^[a-zA-Z0-9][a-zA-Z0-9 _-]{0,127}$/;
/** The reference lists "_ ; () , ‐" (its hyphen is U+2010); the ASCII hyphen is taken as the same symbol. */
const DESCRIPTION = /^[a-zA-Z0-9 _;(),\-\u2010]{0,128}$/;

/** What the record keeps: the response's members but Id and CreationDate. */
type RecommenderData = Omit<RecommenderConfigurationResponse, 'Id' | 'CreationDate'>;

const dataOf = (r: RecommenderRecord) => r.data as unknown as RecommenderData;

function response(r: RecommenderRecord): RecommenderConfigurationResponse {
  const d = dataOf(r);
  return {
    Id: r.id,
    CreationDate: isoDate(r.createdAt),
    ...d,
    ...(d.Attributes ? { Attributes: { ...d.Attributes } } : {}),
  };
}

const isString = (v: unknown): v is string => typeof v === 'string';

/** The configuration a Create or Update request writes (without its dates), or BadRequestException. */
function checkConfiguration(ctx: HandlerContext, c: Partial<CreateRecommenderConfiguration> | undefined): Omit<RecommenderData, 'LastModifiedDate'> {
  if (!c || typeof c !== 'object') throw badRequest(ctx, 'Missing recommender configuration');
  const uri = c.RecommendationProviderUri;
  if (!isString(uri) || uri === '') throw badRequest(ctx, 'Missing RecommendationProviderUri');
  if (!PERSONALIZE_ARN.test(uri)) {
    throw badRequest(ctx, `Invalid RecommendationProviderUri: ${uri}. It must be the ARN of an Amazon Personalize campaign.`);
  }
  const role = c.RecommendationProviderRoleArn;
  if (!isString(role) || role === '') throw badRequest(ctx, 'Missing RecommendationProviderRoleArn');
  if (!ROLE_ARN.test(role)) throw badRequest(ctx, `Invalid RecommendationProviderRoleArn: ${role}. It must be the ARN of an IAM role.`);

  const idType = c.RecommendationProviderIdType ?? DEFAULT_ID_TYPE;
  if (!(ID_TYPES as readonly unknown[]).includes(idType)) {
    throw badRequest(ctx, `Invalid RecommendationProviderIdType: ${String(idType)}. Valid values are ${ID_TYPES.join(', ')}.`);
  }

  const transformer = c.RecommendationTransformerUri;
  if (transformer !== undefined && (!isString(transformer) || !(LAMBDA_NAME.test(transformer) || LAMBDA_ARN.test(transformer)))) {
    throw badRequest(ctx, `Invalid RecommendationTransformerUri: ${String(transformer)}. It must be the name or ARN of an AWS Lambda function.`);
  }

  const attrs = c.Attributes;
  if (attrs !== undefined) {
    if (transformer === undefined) {
      throw badRequest(ctx, 'Attributes can be specified only when the configuration invokes an AWS Lambda function (RecommendationTransformerUri).');
    }
    if (attrs === null || typeof attrs !== 'object' || Array.isArray(attrs)) throw badRequest(ctx, 'Invalid Attributes');
    const entries = Object.entries(attrs);
    if (entries.length < 1 || entries.length > MAX_ATTRIBUTES) throw badRequest(ctx, `Attributes must contain 1 to ${MAX_ATTRIBUTES} attributes.`);
    for (const [k, v] of entries) {
      if (!ATTRIBUTE_KEY.test(k)) {
        throw badRequest(ctx, `Invalid attribute name: ${k}. An attribute name must be Recommendations. followed by up to 50 letters, numbers, underscores or hyphens, starting with a letter or number.`);
      }
      if (!isString(v) || !ATTRIBUTE_DISPLAY_NAME.test(v)) {
        throw badRequest(ctx, `Invalid display name for attribute ${k}: ${String(v)}. A display name must start with a letter or number and contain up to 25 letters, numbers, spaces, underscores or hyphens.`);
      }
    }
  } else if (transformer !== undefined) {
    throw badRequest(ctx, 'Attributes are required when the configuration invokes an AWS Lambda function (RecommendationTransformerUri).');
  }

  const display = c.RecommendationsDisplayName;
  if (display !== undefined && (!isString(display) || !DISPLAY_NAME.test(display))) {
    throw badRequest(ctx, `Invalid RecommendationsDisplayName: ${String(display)}. It can contain 1 to 25 letters, numbers, spaces, underscores or hyphens.`);
  }
  if (display === undefined && transformer === undefined) {
    throw badRequest(ctx, 'RecommendationsDisplayName is required when the configuration does not invoke an AWS Lambda function (RecommendationTransformerUri).');
  }

  const perMessage = c.RecommendationsPerMessage ?? DEFAULT_PER_MESSAGE;
  if (typeof perMessage !== 'number' || !Number.isInteger(perMessage) || perMessage < 1 || perMessage > MAX_PER_MESSAGE) {
    throw badRequest(ctx, `Invalid RecommendationsPerMessage: ${String(perMessage)}. The minimum value is 1 and the maximum value is ${MAX_PER_MESSAGE}.`);
  }

  const name = c.Name;
  if (name !== undefined && (!isString(name) || !NAME.test(name))) {
    throw badRequest(ctx, `Invalid Name: ${String(name)}. A name must start with a letter or number and contain up to 128 letters, numbers, spaces, underscores or hyphens.`);
  }
  const description = c.Description;
  if (description !== undefined && (!isString(description) || !DESCRIPTION.test(description))) {
    throw badRequest(ctx, 'Invalid Description. A description can contain up to 128 letters, numbers, spaces, or the symbols _ ; ( ) , -');
  }

  return {
    RecommendationProviderUri: uri,
    RecommendationProviderRoleArn: role,
    RecommendationProviderIdType: idType,
    RecommendationsPerMessage: perMessage,
    ...(transformer !== undefined ? { RecommendationTransformerUri: transformer } : {}),
    ...(attrs !== undefined ? { Attributes: { ...attrs } } : {}),
    ...(display !== undefined ? { RecommendationsDisplayName: display } : {}),
    ...(name !== undefined ? { Name: name } : {}),
    ...(description !== undefined ? { Description: description } : {}),
  };
}


async function requireRecommender(ctx: HandlerContext, id: string): Promise<RecommenderRecord> {
  const r = await ctx.store.pinpoint.getRecommender(ctx.accountId, ctx.region, id);
  if (!r) throw notFound(ctx);
  return r;
}

export const handlers = {
  async CreateRecommenderConfiguration(input, ctx) {
    const config = checkConfiguration(ctx, input.CreateRecommenderConfiguration);
    const now = ctx.now.getTime();
    const record: RecommenderRecord = {
      accountId: ctx.accountId, region: ctx.region, id: newId(), createdAt: now,
      data: { ...config, LastModifiedDate: isoDate(now) } satisfies RecommenderData,
    };
    await ctx.store.pinpoint.putRecommender(record);
    return { RecommenderConfigurationResponse: response(record) };
  },

  async GetRecommenderConfiguration(input, ctx) {
    return { RecommenderConfigurationResponse: response(await requireRecommender(ctx, input.RecommenderId)) };
  },

  async GetRecommenderConfigurations(input, ctx) {
    return { ListRecommenderConfigurationsResponse: await listPage(ctx, input, (o) => ctx.store.pinpoint.listRecommenders(ctx.accountId, ctx.region, o), response) };
  },

  async UpdateRecommenderConfiguration(input, ctx) {
    const config = checkConfiguration(ctx, input.UpdateRecommenderConfiguration);
    const updated = await ctx.store.transaction(async (tx) => {
      const existing = await tx.pinpoint.getRecommender(ctx.accountId, ctx.region, input.RecommenderId);
      if (!existing) throw notFound(ctx);
      const next: RecommenderRecord = { ...existing, data: { ...config, LastModifiedDate: isoDate(ctx.now.getTime()) } satisfies RecommenderData };
      await tx.pinpoint.putRecommender(next);
      return next;
    });
    return { RecommenderConfigurationResponse: response(updated) };
  },

  async DeleteRecommenderConfiguration(input, ctx) {
    const r = await requireRecommender(ctx, input.RecommenderId);
    await ctx.store.pinpoint.removeRecommender(ctx.accountId, ctx.region, r.id);
    return { RecommenderConfigurationResponse: response(r) };
  },
} satisfies ServiceHandlers<Operations>;
