// Every aggregate's contract cases over one store factory: an engine's test file calls
// allStoreContracts once (the jobs contract takes its own factory, with a second node).
import { accessKeysContract } from './access-keys.js';
import { accountSettingsContract } from './account-settings.js';
import { accountsContract } from './accounts.js';
import { certificatesContract } from './certificates.js';
import { decisionsContract } from './decisions.js';
import { delegationRequestsContract } from './delegation-requests.js';
import { entitiesContract } from './entities.js';
import type { StoreFactory } from './factory.js';
import { linksContract } from './links.js';
import { organizationsContract } from './organizations.js';
import { serviceCredentialsContract } from './service-credentials.js';
import { storeContract } from './store.js';
import { userCredentialsContract } from './user-credentials.js';

export type { OpenedStore, StoreFactory } from './factory.js';
export { jobsContract, type JobsEngine } from './jobs.js';

export function allStoreContracts(engine: string, open: StoreFactory): void {
  accountsContract(engine, open);
  accessKeysContract(engine, open);
  userCredentialsContract(engine, open);
  certificatesContract(engine, open);
  serviceCredentialsContract(engine, open);
  delegationRequestsContract(engine, open);
  accountSettingsContract(engine, open);
  organizationsContract(engine, open);
  entitiesContract(engine, open);
  linksContract(engine, open);
  decisionsContract(engine, open);
  storeContract(engine, open);
}
