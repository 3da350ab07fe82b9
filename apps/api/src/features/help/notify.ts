import type { DbOrTx } from '@xfqs/db';

export interface HelpUpdatedEvent {
  helpRequestId: string;
  status: 'claimed' | 'closed';
}

/**
 * The one seam between help requests and notifications (issue 13 item 1, kind `help_updated`):
 * called inside the transaction that changed the request, so the notification is written with it
 * or not at all. The notifications feature (`features/notifications/`, `notify(tx, userId, event)`)
 * is built on another branch; at merge this body becomes
 *   `await notify(tx, userId, { kind: 'help_updated', ...event, link: '/pages/help/index' })`.
 * Until then the rider sees the new status in 求助记录 (GET /help-requests/me).
 */
export async function notifyHelpUpdated(_tx: DbOrTx, _userId: string, _event: HelpUpdatedEvent): Promise<void> {
  // wired to notify() at merge (see above)
}
