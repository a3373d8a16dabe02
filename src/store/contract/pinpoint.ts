// The Pinpoint aggregate's contract: projects (apps) with their settings, tags and event stream,
// their endpoints, segments (every version kept), import and export jobs, recommender
// configurations, and each app's outbox of events waiting to be delivered to its event stream.
// The service's documents are JSON the handlers own (`data`); the store keeps the keys it must find
// them by. Engine-neutral: no SQL, no clock (times are arguments, milliseconds since the epoch).

export interface PinpointAppRecord {
  /** 32 lowercase hex characters, as Pinpoint's application ids. */
  id: string;
  accountId: string;
  region: string;
  /** The app's ApplicationResponse and its settings, event stream and custom-attribute names, as the handlers keep them. */
  data: Record<string, unknown>;
  createdAt: number;
}

export interface EndpointRecord {
  appId: string;
  id: string;
  /** User.UserId, indexed for GetUserEndpoints / DeleteUserEndpoints. */
  userId?: string;
  /** The endpoint as EndpointResponse shows it (without ApplicationId), as the handlers keep it. */
  data: Record<string, unknown>;
}

export interface SegmentRecord {
  appId: string;
  id: string;
  /** 1 for CreateSegment, one more for every UpdateSegment; every version is kept. */
  version: number;
  /** The version's SegmentResponse, as the handlers keep it. */
  data: Record<string, unknown>;
}

export type PinpointJobType = 'IMPORT' | 'EXPORT';

export interface PinpointJobRecord {
  appId: string;
  id: string;
  type: PinpointJobType;
  /** The segment the job defines, updates or exports, for GetSegmentImportJobs / GetSegmentExportJobs. */
  segmentId?: string;
  createdAt: number;
  /** The job's ImportJobResponse / ExportJobResponse and its private progress, as the handlers keep them. */
  data: Record<string, unknown>;
}

export interface RecommenderRecord {
  accountId: string;
  region: string;
  id: string;
  data: Record<string, unknown>;
  createdAt: number;
}

/** A message template of an account in a region: its name and channel type, and every version in `data`. */
export interface TemplateRecord {
  accountId: string;
  region: string;
  name: string;
  /** EMAIL, PUSH, SMS, VOICE or INAPP. */
  type: string;
  createdAt: number;
  /** The versions, the active one and the tags, as the handlers keep them. */
  data: Record<string, unknown>;
}

export interface TemplateListOptions {
  /** Names that start with this. */
  prefix?: string;
  type?: string;
  /** After this template in (name, type) order, as `templateKey` gave it. */
  after?: string;
  limit: number;
}

/** An event accepted by PutEvents and not yet delivered to the app's event stream. */
export interface OutboxEvent {
  /** Grows per app with every event appended. */
  seq: number;
  /** The event as the event stream's record carries it (Pinpoint's event-stream JSON). */
  data: Buffer;
  arrivedAt: number;
}

export interface OutboxFailure {
  /** AWS's error code of the refused delivery (AccessDeniedException, ResourceNotFoundException …). */
  code: string;
  message: string;
  /** The first failure of the current run of failures, and the latest. */
  since: number;
  at: number;
}

export interface OutboxState {
  pending: number;
  delivered: number;
  failure?: OutboxFailure;
}

export interface PinpointListOptions {
  /** Exclusive: keys after this one, in the listing's order. */
  after?: string;
  /** The caller asks for up to one more than it shows, to know whether more follow. */
  limit: number;
}

export interface PinpointTable {
  /** `false` when the id is taken. */
  createApp(a: PinpointAppRecord): Promise<boolean>;
  /** The app when it is the account's, in that region. */
  getApp(accountId: string, region: string, id: string): Promise<PinpointAppRecord | undefined>;
  getAppById(id: string): Promise<PinpointAppRecord | undefined>;
  /** Replaces the app's record; `false` when it is gone. */
  putApp(a: PinpointAppRecord): Promise<boolean>;
  /** The app and everything in it (endpoints, segments and their member lists, jobs, outbox), gone. */
  removeApp(id: string): Promise<boolean>;
  /** The account's apps in the region, by id. */
  listApps(accountId: string, region: string, o: PinpointListOptions): Promise<PinpointAppRecord[]>;

  /** Inserts or replaces endpoints (by app and id) in one engine transaction. */
  putEndpoints(endpoints: readonly EndpointRecord[]): Promise<void>;
  getEndpoint(appId: string, id: string): Promise<EndpointRecord | undefined>;
  getEndpoints(appId: string, ids: readonly string[]): Promise<EndpointRecord[]>;
  removeEndpoints(appId: string, ids: readonly string[]): Promise<number>;
  /** The app's endpoints with that User.UserId, by id. */
  endpointsOfUser(appId: string, userId: string): Promise<EndpointRecord[]>;
  /** The app's endpoints by id (`after` an id). */
  scanEndpoints(appId: string, o: PinpointListOptions): Promise<EndpointRecord[]>;
  countEndpoints(appId: string): Promise<number>;

  /** Adds a segment version (the first, or the next); `false` when that version exists. */
  putSegment(s: SegmentRecord): Promise<boolean>;
  /** The latest version, or the one asked for. */
  getSegment(appId: string, id: string, version?: number): Promise<SegmentRecord | undefined>;
  /** The app's segments at their latest version, by id. */
  listSegments(appId: string, o: PinpointListOptions): Promise<SegmentRecord[]>;
  /** A segment's versions by version number (`after` a version number, as a decimal string). */
  listSegmentVersions(appId: string, id: string, o: PinpointListOptions): Promise<SegmentRecord[]>;
  /** Replaces the tags of the segment (its `data.tags`, every version: tags belong to the segment); `false` when it does not exist. */
  setSegmentTags(appId: string, id: string, tags: Record<string, string>): Promise<boolean>;
  /** Every version of the segment, gone. */
  removeSegment(appId: string, id: string): Promise<boolean>;

  /**
   * Adds endpoint ids to a member list of the app (an imported segment's endpoints, listed under the
   * import job's id), in one engine transaction; ids already listed stay once.
   */
  addSegmentMembers(appId: string, list: string, endpointIds: readonly string[]): Promise<void>;
  /** A member list's endpoint ids, by id (`after` an id). */
  scanSegmentMembers(appId: string, list: string, o: PinpointListOptions): Promise<string[]>;
  countSegmentMembers(appId: string, list: string): Promise<number>;
  /** The member list, gone (its segment was deleted). */
  removeSegmentMembers(appId: string, list: string): Promise<void>;

  /** Inserts or replaces a job (by app and id). */
  putJob(j: PinpointJobRecord): Promise<void>;
  getJob(appId: string, id: string): Promise<PinpointJobRecord | undefined>;
  /** The app's jobs of a type (of a segment, when given), newest first; `after` is a key the engine handed out as `jobKey`. */
  listJobs(appId: string, type: PinpointJobType, segmentId: string | undefined, o: PinpointListOptions): Promise<PinpointJobRecord[]>;
  /** A job's place in listJobs' order, to pass back as `after`. */
  jobKey(j: PinpointJobRecord): string;

  putRecommender(r: RecommenderRecord): Promise<void>;
  getRecommender(accountId: string, region: string, id: string): Promise<RecommenderRecord | undefined>;
  removeRecommender(accountId: string, region: string, id: string): Promise<boolean>;
  /** The account's configurations in the region, by id. */
  listRecommenders(accountId: string, region: string, o: PinpointListOptions): Promise<RecommenderRecord[]>;

  /** Inserts a template unless one of its name and type exists; false then. */
  createTemplate(t: TemplateRecord): Promise<boolean>;
  /** Replaces a template (by account, region, name and type). */
  putTemplate(t: TemplateRecord): Promise<void>;
  getTemplate(accountId: string, region: string, name: string, type: string): Promise<TemplateRecord | undefined>;
  removeTemplate(accountId: string, region: string, name: string, type: string): Promise<boolean>;
  /** The account's templates in the region by name, then type. */
  listTemplates(accountId: string, region: string, o: TemplateListOptions): Promise<TemplateRecord[]>;
  /** A template's place in listTemplates' order, to pass back as `after`. */
  templateKey(t: TemplateRecord): string;

  /**
   * Appends events to the app's outbox in one engine transaction (nested in the store transaction
   * it is called in, if any); answers their seqs. Nothing is appended when the app is gone.
   */
  appendEvents(appId: string, events: readonly { data: Buffer; arrivedAt: number }[]): Promise<number[] | undefined>;
  /** The outbox's events after `afterSeq` (from the oldest when absent), by seq, up to `limit`. */
  scanEvents(appId: string, afterSeq: number | undefined, limit: number): Promise<OutboxEvent[]>;
  /** Removes the events up to and including `throughSeq`, counts them delivered and clears the failure. */
  ackEvents(appId: string, throughSeq: number): Promise<number>;
  /** Records (or, with undefined, clears) the outbox's last failure; a failure keeps the `since` of the one it follows. */
  failEvents(appId: string, failure: { code: string; message: string; at: number } | undefined): Promise<void>;
  outboxState(appId: string): Promise<OutboxState | undefined>;
  /** The outbox emptied (the event stream was deleted: its events are not delivered). */
  discardEvents(appId: string): Promise<void>;
  /** Every app with events waiting, for the delivery jobs at start-up. */
  appsWithEvents(): Promise<string[]>;
}
