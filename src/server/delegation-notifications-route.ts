// IAM temporary delegation's notification route: GET /_rolegate/iam/delegation-notifications answers
// the messages IAM would have published to the SNS topics of the caller's account (rolegate has no
// SNS), oldest first, with ?topic=ARN for one topic's and ?after=SEQ for the newer ones. Only the root
// of the account the topic ARN names may read them (HTTP Basic, as the other admin routes), as only
// the topic owner's subscribers would receive them; the FINALIZED message carries the exchange token.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { rootGetRoute, send } from '../decisions/routes.js';
import type { App } from './app.js';

const PATH = '/_rolegate/iam/delegation-notifications';

/** Handles /_rolegate/iam/delegation-notifications; false for any other URL. */
export function delegationNotificationsRoute(app: Pick<App, 'store' | 'credentials' | 'sealer' | 'log'>, req: IncomingMessage, res: ServerResponse): boolean {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname !== PATH) return false;
  return rootGetRoute(app, req, res, PATH, (accountId) => serve(app, res, url, accountId));
}

async function serve(app: Pick<App, 'store' | 'sealer'>, res: ServerResponse, url: URL, accountId: string): Promise<void> {
  const topic = url.searchParams.get('topic') ?? undefined;
  const after = Number(url.searchParams.get('after') ?? '0');
  if (!Number.isSafeInteger(after) || after < 0) {
    send(res, 400, { message: 'after must be a notification sequence number.' });
    return;
  }
  const found = await app.store.delegationRequests.notifications(accountId, topic);
  const notifications = found.filter((n) => n.seq > after).map((n) => ({
    Seq: n.seq,
    TopicArn: n.topicArn,
    Timestamp: n.publishedAt,
    Subject: `IAM delegation request ${n.delegationRequestId}: ${n.message.State}`,
    Message: JSON.stringify({ ...n.message, ...(n.sealedToken ? { ExchangeToken: app.sealer.open(n.sealedToken) } : {}) }),
  }));
  send(res, 200, { Notifications: notifications }, { 'cache-control': 'no-store' });
}
