import type { NotificationKind } from '@xfqs/db';
import { shanghaiClock, shanghaiTime } from '@xfqs/domain';

/**
 * What can happen to a rider, as the feature that caused it describes it. `notify(tx, userId,
 * event)` turns one into an inbox row (and a WeChat message when the rider subscribed).
 */
export type NotificationEvent =
  | { kind: 'application_approved'; applicationId: string; memberNo: string }
  | { kind: 'application_rejected'; applicationId: string; reason: string }
  | { kind: 'report_accepted'; reportId: string; stampAwarded: boolean; noStampReason?: string }
  | { kind: 'report_rejected'; reportId: string; reason: string }
  | { kind: 'redemption_fulfilled'; redemptionId: string; rewardName: string; stationName: string }
  | { kind: 'reward_affordable'; rewardId: string; rewardName: string; cost: number; balance: number }
  | { kind: 'activity_soon'; activityId: string; title: string; startsAt: Date }
  /** For the help-request feature (`live-help`): status is its own word, e.g. 已受理 / 已办结. */
  | { kind: 'help_updated'; helpRequestId: string; status: string; note?: string };

export interface NotificationContent {
  title: string;
  body: string;
  /** The mini-program page the message opens (inbox and WeChat message alike). */
  link: string;
  /** One inbox row per rider and key: events that may be seen twice (a scan every minute). */
  dedupeKey?: string;
}

/** `1/5 09:02` in Asia/Shanghai. */
function monthDayTime(at: Date): string {
  const { month, day } = shanghaiClock(at);
  return `${month}/${day} ${shanghaiTime(at)}`;
}

/** The words riders read, one place per kind. */
export function describe(event: NotificationEvent): NotificationContent {
  switch (event.kind) {
    case 'application_approved':
      return { title: '入会申请已通过', body: `欢迎加入工会！你的会员号是 ${event.memberNo}。`, link: '/pages/join/card' };
    case 'application_rejected':
      return { title: '入会申请未通过', body: `原因：${event.reason}。可修改后重新申请。`, link: '/pages/join/status' };
    case 'report_accepted':
      return {
        title: '随手拍已采纳',
        body: event.stampAwarded ? '感谢你的随手拍，已为你记 1 个先锋骑士积分。' : `感谢你的随手拍。${event.noStampReason ?? ''}`.trim(),
        link: '/pages/report/mine',
      };
    case 'report_rejected':
      return { title: '随手拍未采纳', body: `原因：${event.reason}`, link: '/pages/report/mine' };
    case 'redemption_fulfilled':
      return { title: '兑换成功', body: `你已在${event.stationName}领取「${event.rewardName}」。`, link: '/pages/stamps/index' };
    case 'reward_affordable':
      return {
        title: '积分够兑换礼品了',
        body: `你有 ${event.balance} 个积分，可以兑换「${event.rewardName}」（${event.cost} 个）。`,
        link: '/pages/stamps/rewards',
      };
    case 'activity_soon':
      return {
        title: '活动即将开始',
        body: `「${event.title}」${monthDayTime(event.startsAt)} 开始，记得到场签到。`,
        link: '/pages/stamps/index',
        dedupeKey: `activity_soon:${event.activityId}`,
      };
    case 'help_updated':
      return {
        title: `求助${event.status}`,
        body: event.note ? `你的求助${event.status}：${event.note}` : `你的求助${event.status}。`,
        link: '/pages/help/index',
      };
  }
}

/** A short status word per kind (≤ 5 Chinese characters) for a template's `phrase` field. */
export const KIND_STATUS: Record<NotificationKind, string> = {
  application_approved: '已通过',
  application_rejected: '未通过',
  report_accepted: '已采纳',
  report_rejected: '未采纳',
  redemption_fulfilled: '已兑换',
  reward_affordable: '可兑换',
  activity_soon: '即将开始',
  help_updated: '有更新',
};
