import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { ApiError, fieldError } from '../../errors';
import {
  NotificationListQuery,
  NotificationPage,
  NotificationSettings,
  ReadBody,
  SubscriptionBody,
  SubscriptionResult,
  TemplateList,
  UnreadCount,
} from './schemas';
import { getSettings, listNotifications, markRead, putSettings, recordSubscription, unreadCount, unusedSubscriptions } from './service';
import type { WechatTemplates } from './templates';

const tags = ['notifications'];
/** More stored acceptances than a rider could ever use are refused. */
const MAX_UNUSED_SUBSCRIPTIONS = 50;

/** The inbox is personal data: never cached by a browser or a proxy. */
const personal = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

/** 消息: the rider's inbox and their WeChat subscription acceptances. */
export const notificationRoutes: FastifyPluginAsyncTypebox<{ templates: WechatTemplates }> = async (app, { templates }) => {

  app.get(
    '/notifications',
    { schema: { tags, summary: '我的消息（最新在前，带未读数）', description: 'Signed-in rider, own inbox only: newest first with keyset paging, and the unread count over all pages. Never cached.', querystring: NotificationListQuery, response: { 200: NotificationPage } } },
    async (request, reply) => {
      personal(reply);
      return listNotifications(app.db, request.principal.userId, request.query);
    },
  );

  app.get(
    '/notifications/unread',
    { schema: { tags, summary: '未读消息数（“我的”角标）', description: 'Signed-in rider: how many of their notifications are unread (for the badge). Never cached.', response: { 200: UnreadCount } } },
    async (request, reply) => {
      personal(reply);
      return { unread: await unreadCount(app.db, request.principal.userId) };
    },
  );

  app.post(
    '/notifications/read',
    { schema: { tags, summary: '标记已读：{ ids } 或 { all: true }', description: 'Signed-in rider. Marks the given `ids`, or with `all: true` every notification, read; exactly one of the two is required (400 otherwise). Ids of other riders’ notifications are ignored; idempotent (204).', body: ReadBody, response: { 204: { type: 'null', description: 'Marked' } } } },
    async (request, reply) => {
      const { ids, all } = request.body;
      if (ids && all) throw fieldError('all', '请只填 ids 或 all 其中之一');
      if (!ids && !all) throw fieldError('ids', '请填写要标记的消息 ids，或 all: true');
      await markRead(app.db, request.principal.userId, { ids, all }, app.clock.now());
      return reply.status(204).send();
    },
  );

  app.get(
    '/notifications/templates',
    { schema: { tags, summary: '可订阅的微信消息模板（小程序 requestSubscribeMessage 用）', description: 'Any signed-in caller. The notification kinds that have a WeChat subscription template configured (WECHAT_TEMPLATES), with the template ids to pass to `wx.requestSubscribeMessage`; kinds without one are inbox-only.', response: { 200: TemplateList } } },
    async () => ({ items: Object.entries(templates).map(([kind, t]) => ({ kind: kind as never, templateId: t!.id })) }),
  );

  app.post(
    '/notifications/subscriptions',
    {
      schema: {
        tags,
        summary: '记录一次微信订阅消息授权（一次性订阅：每次授权可发一条）',
        description: '`templateKind` 为通知类型；服务器按配置换成模板 id。未配置模板的类型 → 422 RULE_VIOLATION。',
       
        body: SubscriptionBody,
        response: { 201: SubscriptionResult },
      },
    },
    async (request, reply) => {
      const template = templates[request.body.templateKind];
      if (!template) throw new ApiError('RULE_VIOLATION', '该类消息暂未开通微信提醒');
      const userId = request.principal.userId;
      if ((await unusedSubscriptions(app.db, userId, template.id)) >= MAX_UNUSED_SUBSCRIPTIONS) throw new ApiError('RULE_VIOLATION', '提醒授权次数已达上限');
      const id = await recordSubscription(app.db, userId, request.body.templateKind, template.id, app.clock.now());
      return reply.status(201).send({ id, templateId: template.id, unused: await unusedSubscriptions(app.db, userId, template.id) });
    },
  );

  app.get(
    '/notifications/settings',
    { schema: { tags, summary: '消息设置', description: 'Signed-in rider, own settings: whether activity-start reminders are on (off until the rider opts in). Never cached.', response: { 200: NotificationSettings } } },
    async (request, reply) => {
      personal(reply);
      return getSettings(app.db, request.principal.userId);
    },
  );

  app.put(
    '/notifications/settings',
    { schema: { tags, summary: '修改消息设置（活动开始提醒为自愿开启）', description: 'Signed-in rider: saves their own settings (upsert) and returns them. Never cached.', body: NotificationSettings, response: { 200: NotificationSettings } } },
    async (request, reply) => {
      personal(reply);
      return putSettings(app.db, request.principal.userId, request.body, app.clock.now());
    },
  );
};
