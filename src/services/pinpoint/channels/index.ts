// Pinpoint's channels of a project: ADM, APNS (and its sandbox, VoIP and VoIP sandbox kinds), Baidu,
// email, GCM (FCM), SMS and voice, each with Update<Kind>Channel (PUT: enables or changes it),
// Get<Kind>Channel, Delete<Kind>Channel (answers the channel as it was), and GetChannels (every
// configured channel, by platform, in ChannelResponse's common members). A channel lives in its
// project's record, so DeleteApp takes it too. Credentials (APNS certificates, keys and token keys,
// ADM and Baidu secrets, FCM API keys and service JSON) are kept sealed under the server's master
// key and never answered back; a channel shows only whether it has them (HasCredential,
// HasTokenKey, HasFcmServiceCredentials), and Baidu's and GCM's API key as their Credential, as the
// API Reference describes those members. rolegate sends no messages, so a channel is settings only.
import type { Operations } from '../../../generated/pinpoint/operations.js';
import type { PinpointAppRecord } from '../../../store/types.js';
import type { HandlerContext, ServiceHandlers } from '../../types.js';
import { arnInPartition } from '../../../shared/partitions.js';
import { badRequest, isoDate, notFound } from '../common.js';

type Kind = 'Adm' | 'Apns' | 'ApnsSandbox' | 'ApnsVoip' | 'ApnsVoipSandbox' | 'Baidu' | 'Email' | 'Gcm' | 'Sms' | 'Voice';

interface KindInfo {
  /** The Platform and GetChannels key (ChannelType). */
  platform: string;
  /** The URI's last segment, which is also the channel's (deprecated) Id. */
  path: string;
  /** The request and response member names (ADMChannelRequest …). */
  shape: string;
  /** Request members that are credentials: sealed, never answered. */
  secrets: readonly string[];
  /** Request members answered as they were given. */
  shown: readonly string[];
}

const APNS_SECRETS = ['Certificate', 'PrivateKey', 'TokenKey', 'TokenKeyId', 'BundleId', 'TeamId'] as const;
const APNS_SHOWN = ['DefaultAuthenticationMethod', 'Enabled'] as const;

const KINDS: Record<Kind, KindInfo> = {
  Adm: { platform: 'ADM', path: 'adm', shape: 'ADMChannel', secrets: ['ClientId', 'ClientSecret'], shown: ['Enabled'] },
  Apns: { platform: 'APNS', path: 'apns', shape: 'APNSChannel', secrets: APNS_SECRETS, shown: APNS_SHOWN },
  ApnsSandbox: { platform: 'APNS_SANDBOX', path: 'apns_sandbox', shape: 'APNSSandboxChannel', secrets: APNS_SECRETS, shown: APNS_SHOWN },
  ApnsVoip: { platform: 'APNS_VOIP', path: 'apns_voip', shape: 'APNSVoipChannel', secrets: APNS_SECRETS, shown: APNS_SHOWN },
  ApnsVoipSandbox: { platform: 'APNS_VOIP_SANDBOX', path: 'apns_voip_sandbox', shape: 'APNSVoipSandboxChannel', secrets: APNS_SECRETS, shown: APNS_SHOWN },
  Baidu: { platform: 'BAIDU', path: 'baidu', shape: 'BaiduChannel', secrets: ['ApiKey', 'SecretKey'], shown: ['Enabled'] },
  Email: {
    platform: 'EMAIL', path: 'email', shape: 'EmailChannel', secrets: [],
    shown: ['ConfigurationSet', 'Enabled', 'FromAddress', 'Identity', 'RoleArn', 'OrchestrationSendingRoleArn'],
  },
  Gcm: { platform: 'GCM', path: 'gcm', shape: 'GCMChannel', secrets: ['ApiKey', 'ServiceJson'], shown: ['DefaultAuthenticationMethod', 'Enabled'] },
  Sms: { platform: 'SMS', path: 'sms', shape: 'SMSChannel', secrets: [], shown: ['Enabled', 'SenderId', 'ShortCode'] },
  Voice: { platform: 'VOICE', path: 'voice', shape: 'VoiceChannel', secrets: [], shown: ['Enabled'] },
};

export const CHANNEL_KINDS = Object.keys(KINDS) as Kind[];
/** The URI segment of each channel kind, for the authorization map's channel ARNs. */
export const channelPath = (kind: Kind): string => KINDS[kind].path;

/** A channel as its project's record keeps it. */
interface StoredChannel {
  shown: Record<string, unknown>;
  /** The credentials as one sealed JSON object, when the channel has any. */
  sealed?: string;
  /** Which credential members are set (the flags the answers show). */
  has: string[];
  createdAt: number;
  modifiedAt: number;
  modifiedBy: string;
  version: number;
}

type Channels = Partial<Record<string, StoredChannel>>;
const channelsOf = (a: PinpointAppRecord): Channels => ((a.data as { channels?: Channels }).channels ?? {});

const ARN = /^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\d{12}:.+$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const text = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** The request's checks, with the credentials the channel will have (the given ones over the stored ones). */
function checkRequest(ctx: HandlerContext, kind: Kind, req: Record<string, unknown>, creds: Record<string, string>): void {
  const need = (names: string[], what: string) => {
    const missing = names.filter((n) => !text(creds[n]));
    if (missing.length) throw badRequest(ctx, `Missing ${what}: ${missing.join(', ')}`);
  };
  switch (kind) {
    case 'Adm':
      need(['ClientId', 'ClientSecret'], 'credentials');
      break;
    case 'Baidu':
      need(['ApiKey', 'SecretKey'], 'credentials');
      break;
    case 'Email':
      if (!text(req.FromAddress) || !EMAIL.test(req.FromAddress)) throw badRequest(ctx, `Invalid FromAddress: ${String(req.FromAddress ?? '')}`);
      if (!text(req.Identity) || !ARN.test(req.Identity)) throw badRequest(ctx, `Invalid Identity: ${String(req.Identity ?? '')}. It must be the ARN of a verified identity.`);
      for (const m of ['RoleArn', 'OrchestrationSendingRoleArn']) {
        if (req[m] !== undefined && (!text(req[m]) || !ARN.test(req[m] as string))) throw badRequest(ctx, `Invalid ${m}: ${String(req[m])}`);
      }
      break;
    case 'Gcm': {
      if (!text(creds.ApiKey) && !text(creds.ServiceJson)) throw badRequest(ctx, 'Missing credentials: ApiKey or ServiceJson');
      if (text(creds.ServiceJson)) {
        try {
          const j = JSON.parse(creds.ServiceJson) as unknown;
          if (j === null || typeof j !== 'object' || Array.isArray(j)) throw new Error('not an object');
        } catch {
          throw badRequest(ctx, 'Invalid ServiceJson: it must be the JSON of an FCM service account key');
        }
      }
      const m = req.DefaultAuthenticationMethod;
      if (m !== undefined && m !== 'KEY' && m !== 'TOKEN') throw badRequest(ctx, `Invalid DefaultAuthenticationMethod: ${String(m)}`);
      if (m === 'KEY' && !text(creds.ApiKey)) throw badRequest(ctx, 'DefaultAuthenticationMethod KEY needs an ApiKey');
      if (m === 'TOKEN' && !text(creds.ServiceJson)) throw badRequest(ctx, 'DefaultAuthenticationMethod TOKEN needs a ServiceJson');
      break;
    }
    case 'Sms':
      if (req.ShortCode !== undefined && (typeof req.ShortCode !== 'string' || !/^\d{3,10}$/.test(req.ShortCode))) throw badRequest(ctx, `Invalid ShortCode: ${String(req.ShortCode)}`);
      if (req.SenderId !== undefined && (typeof req.SenderId !== 'string' || !/^[A-Za-z0-9-]{1,11}$/.test(req.SenderId))) throw badRequest(ctx, `Invalid SenderId: ${String(req.SenderId)}`);
      break;
    case 'Voice':
      break;
    default: {
      // The APNS kinds: a certificate with its private key, or a token key with its id, bundle id and team id.
      const cert = text(creds.Certificate) || text(creds.PrivateKey);
      const token = text(creds.TokenKey) || text(creds.TokenKeyId) || text(creds.BundleId) || text(creds.TeamId);
      if (!cert && !token) throw badRequest(ctx, 'Missing credentials: a Certificate and PrivateKey, or a TokenKey with TokenKeyId, BundleId and TeamId');
      if (cert) need(['Certificate', 'PrivateKey'], 'certificate credentials');
      if (token) need(['TokenKey', 'TokenKeyId', 'BundleId', 'TeamId'], 'token credentials');
      const m = req.DefaultAuthenticationMethod;
      if (m !== undefined && m !== 'CERTIFICATE' && m !== 'TOKEN') throw badRequest(ctx, `Invalid DefaultAuthenticationMethod: ${String(m)}`);
      if (m === 'CERTIFICATE' && !cert) throw badRequest(ctx, 'DefaultAuthenticationMethod CERTIFICATE needs a Certificate and PrivateKey');
      if (m === 'TOKEN' && !token) throw badRequest(ctx, 'DefaultAuthenticationMethod TOKEN needs a TokenKey');
    }
  }
}

/** The channel's answer: its Update/Get/Delete<Kind>Channel response, or GetChannels' entry. */
function response(ctx: HandlerContext, kind: Kind, appId: string, c: StoredChannel, creds: Record<string, string>, common = false): Record<string, unknown> {
  const info = KINDS[kind];
  const out: Record<string, unknown> = {
    ApplicationId: appId,
    CreationDate: isoDate(c.createdAt),
    Enabled: c.shown.Enabled !== false,
    HasCredential: c.has.length > 0,
    Id: info.path,
    IsArchived: false,
    LastModifiedBy: arnInPartition(c.modifiedBy, ctx.partition),
    LastModifiedDate: isoDate(c.modifiedAt),
    Version: c.version,
  };
  if (common) return out;
  for (const m of info.shown) if (m !== 'Enabled' && c.shown[m] !== undefined) out[m] = c.shown[m];
  out.Platform = info.platform;
  if (kind.startsWith('Apns')) {
    out.HasTokenKey = c.has.includes('TokenKey');
    out.DefaultAuthenticationMethod = c.shown.DefaultAuthenticationMethod ?? (c.has.includes('Certificate') ? 'CERTIFICATE' : 'TOKEN');
  }
  if (kind === 'Gcm') {
    out.HasFcmServiceCredentials = c.has.includes('ServiceJson');
    out.DefaultAuthenticationMethod = c.shown.DefaultAuthenticationMethod ?? (c.has.includes('ApiKey') ? 'KEY' : 'TOKEN');
    if (creds.ApiKey) out.Credential = creds.ApiKey;
  }
  if (kind === 'Baidu') out.Credential = creds.ApiKey;
  return out;
}

const openCreds = (ctx: HandlerContext, c: StoredChannel | undefined): Record<string, string> =>
  c?.sealed ? (JSON.parse(ctx.sealer.open(c.sealed)) as Record<string, string>) : {};

async function update(ctx: HandlerContext, kind: Kind, appId: string, req: Record<string, unknown> | undefined): Promise<Record<string, unknown>> {
  const info = KINDS[kind];
  if (req === undefined || req === null || typeof req !== 'object') throw badRequest(ctx, `Missing ${info.shape}Request`);
  if (req.Enabled !== undefined && typeof req.Enabled !== 'boolean') throw badRequest(ctx, 'Enabled must be a boolean');
  return ctx.store.transaction(async (tx) => {
    const app = await tx.pinpoint.getApp(ctx.accountId, ctx.region, appId);
    if (!app) throw notFound(ctx);
    const channels = channelsOf(app);
    const before = channels[info.platform];
    const creds = { ...openCreds(ctx, before) };
    for (const m of info.secrets) if (text(req[m])) creds[m] = req[m] as string;
    checkRequest(ctx, kind, req, creds);
    const shown: Record<string, unknown> = { ...(before?.shown ?? {}) };
    for (const m of info.shown) if (req[m] !== undefined) shown[m] = req[m];
    // A channel is enabled when first set up unless the request says otherwise.
    if (shown.Enabled === undefined) shown.Enabled = true;
    const now = ctx.now.getTime();
    const has = info.secrets.filter((m) => text(creds[m]));
    const next: StoredChannel = {
      shown,
      has,
      createdAt: before?.createdAt ?? now,
      modifiedAt: now,
      modifiedBy: ctx.caller.arn,
      version: (before?.version ?? 0) + 1,
      ...(has.length ? { sealed: ctx.sealer.seal(JSON.stringify(creds)) } : {}),
    };
    await tx.pinpoint.putApp({ ...app, data: { ...app.data, channels: { ...channels, [info.platform]: next } } });
    return response(ctx, kind, app.id, next, creds);
  });
}

async function get(ctx: HandlerContext, kind: Kind, appId: string): Promise<Record<string, unknown>> {
  const app = await ctx.store.pinpoint.getApp(ctx.accountId, ctx.region, appId);
  if (!app) throw notFound(ctx);
  const c = channelsOf(app)[KINDS[kind].platform];
  if (!c) throw notFound(ctx);
  return response(ctx, kind, app.id, c, openCreds(ctx, c));
}

async function remove(ctx: HandlerContext, kind: Kind, appId: string): Promise<Record<string, unknown>> {
  return ctx.store.transaction(async (tx) => {
    const app = await tx.pinpoint.getApp(ctx.accountId, ctx.region, appId);
    if (!app) throw notFound(ctx);
    const channels = { ...channelsOf(app) };
    const c = channels[KINDS[kind].platform];
    if (!c) throw notFound(ctx);
    delete channels[KINDS[kind].platform];
    await tx.pinpoint.putApp({ ...app, data: { ...app.data, channels } });
    return response(ctx, kind, app.id, c, openCreds(ctx, c));
  });
}

type AnyHandlers = Record<string, (input: Record<string, unknown>, ctx: HandlerContext) => Promise<unknown>>;

function kindHandlers(): AnyHandlers {
  const out: AnyHandlers = {};
  for (const kind of CHANNEL_KINDS) {
    const shape = KINDS[kind].shape;
    const appId = (input: Record<string, unknown>) => String(input.ApplicationId);
    out[`Update${kind}Channel`] = async (input, ctx) => ({ [`${shape}Response`]: await update(ctx, kind, appId(input), input[`${shape}Request`] as Record<string, unknown> | undefined) });
    out[`Get${kind}Channel`] = async (input, ctx) => ({ [`${shape}Response`]: await get(ctx, kind, appId(input)) });
    out[`Delete${kind}Channel`] = async (input, ctx) => ({ [`${shape}Response`]: await remove(ctx, kind, appId(input)) });
  }
  return out;
}

export const handlers = {
  ...(kindHandlers() as ServiceHandlers<Operations>),

  async GetChannels(input, ctx) {
    const app = await ctx.store.pinpoint.getApp(ctx.accountId, ctx.region, input.ApplicationId);
    if (!app) throw notFound(ctx);
    const stored = channelsOf(app);
    const Channels: Record<string, Record<string, unknown>> = {};
    for (const kind of CHANNEL_KINDS) {
      const c = stored[KINDS[kind].platform];
      if (c) Channels[KINDS[kind].platform] = response(ctx, kind, app.id, c, {}, true);
    }
    return { ChannelsResponse: { Channels } };
  },
} satisfies ServiceHandlers<Operations>;
