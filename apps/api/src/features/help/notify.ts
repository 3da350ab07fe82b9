import type { Tx } from '@xfqs/db';
import { notify } from '../notifications/service';

export interface HelpUpdatedEvent {
  helpRequestId: string;
  status: 'claimed' | 'closed';
}

const STATUS_WORDS: Record<HelpUpdatedEvent['status'], string> = { claimed: '已受理', closed: '已办结' };

/**
 * The one seam between help requests and notifications (kind `help_updated`): called inside the
 * transaction that changed the request, so the message is written with it or not at all. The
 * staff's answer stays sealed in the request (the rider reads it in 求助记录); the message only
 * says that something changed.
 */
export async function notifyHelpUpdated(tx: Tx, userId: string, event: HelpUpdatedEvent, now: Date): Promise<void> {
  await notify(tx, userId, { kind: 'help_updated', helpRequestId: event.helpRequestId, status: STATUS_WORDS[event.status] }, now);
}
