// Pinpoint's delivery of an app's outbox of events to its event stream: to come.
import type { PinpointJobDeps, PinpointStepResult } from '../common.js';

export const EVENTS_JOB_KIND = 'pinpoint.events';
export const eventsJobId = (appId: string) => `pinpoint-events-${appId}`;
export interface EventsDeliveryInput { appId: string }

export async function eventsDeliveryStep(_input: EventsDeliveryInput, _deps: PinpointJobDeps): Promise<PinpointStepResult> {
  return { checkpoint: null, done: true };
}
