import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { PiiKeyring } from '../../config';
import { createPiiCipher } from '../../pii';
import { IdParams } from '../../schemas';
import { claimHelpRequest, closeHelpRequest, createHelpRequest, helpDetail, hotlineFor, listHelpRequests, myHelpRequests, setOrgHotline } from './requests';
import { CloseBody, HelpCreated, HelpDetail, HelpListQuery, HelpPage, HelpRequestBody, Hotline, HotlineQuery, MyHelpPage, OrgHotline, OrgHotlineBody } from './schemas';

export interface HelpRoutesOptions {
  /** The PII keyring: request texts, locations and answers are sealed with it. */
  pii: PiiKeyring;
  /** HELP_HOTLINE: the hotline when no org on the way up sets its own. */
  hotline: string;
}

const tags = ['help'];

/** 一键求助: riders ask their union for help; org admins see (masked), claim and close. Every answer is no-store. */
export const helpRoutes: FastifyPluginAsyncTypebox<HelpRoutesOptions> = async (app, opts) => {
  const cipher = createPiiCipher(opts.pii);
  const admin = [app.requireRole('org_admin')];

  // personal data: never cached by a browser or a proxy (this plugin's routes only, errors included)
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.get(
    '/help-requests/hotline',
    {
      schema: {
        tags,
        summary: '求助热线：骑手所在地最近驿站所属工会（或本人工会）的热线，默认 12351',
        description: 'Any signed-in caller. The hotline of the union a help request would go to: the union of the nearest station within 50 km of `lat`/`lng` when given, else the caller’s own union (pending or approved membership). An org without its own hotline uses its nearest ancestor’s, else HELP_HOTLINE (default 12351); `orgId` and `orgName` are null when no union is found.',
        querystring: HotlineQuery,
        response: { 200: Hotline },
      },
    },
    async (request) => {
      const { lat, lng } = request.query;
      const point = lat !== undefined && lng !== undefined ? { lat, lng } : undefined;
      return hotlineFor(app.db, app.nearby, request.principal.userId, point, app.clock.now(), opts.hotline);
    },
  );

  app.post(
    '/help-requests',
    {
      schema: { tags, summary: '一键求助：提交求助（欠薪 / 交通事故 / 纠纷 / 其他）', description: 'Any signed-in rider. Routed to the union of the nearest station within 50 km of `lat`/`lng` (both or neither, 400 otherwise), else to the rider’s own union; when neither is known it is a 422 RULE_VIOLATION carrying the fallback hotline. Text and location are stored encrypted; returns the union and its hotline. Audited.', body: HelpRequestBody, response: { 201: HelpCreated } },
    },
    async (request, reply) =>
      reply.status(201).send(await createHelpRequest(app.db, app.nearby, cipher, request.principal.userId, request.body, app.clock.now(), opts.hotline)),
  );

  app.get(
    '/help-requests/me',
    { schema: { tags, summary: '我的求助及处理进度（最近 50 条）', description: 'Signed-in rider, own requests only: the latest 50, newest first, with status, the union’s hotline and its closing answer (the text is null once erased by retention).', response: { 200: MyHelpPage } } },
    async (request) => myHelpRequests(app.db, cipher, request.principal.userId, opts.hotline),
  );

  app.get(
    '/help-requests',
    {
      onRequest: admin,
      schema: {
        tags,
        summary: '求助列表（工会管理员，本级及下级；内容脱敏）',
        description:
          'Masked: `textPreview` (40 characters, digit runs starred), `approxLocation` (about 1 km), a masked rider reference. ' +
          'The full text and location: GET /help-requests/{id} (audited).',
       
        querystring: HelpListQuery,
        response: { 200: HelpPage },
      },
    },
    async (request) => listHelpRequests(app.db, cipher, request.principal, request.query),
  );

  app.get(
    '/help-requests/:id',
    { onRequest: admin, schema: { tags, summary: '求助详情（完整内容与位置，记入审计）', description: 'Admins of the request’s org or an org above it (and super admins); for anyone else it does not exist (404, as for an unknown id). The full text, location and closing note; the read is written to the audit log.', params: IdParams, response: { 200: HelpDetail } } },
    async (request) => helpDetail(app.db, cipher, request.principal, request.params.id),
  );

  app.post(
    '/help-requests/:id/claim',
    {
      onRequest: admin,
      schema: { tags, summary: '认领求助（状态变为处理中；已被他人认领为 409）', description: 'Admins of the request’s org or an org above it (and super admins); for anyone else it does not exist (404, as for an unknown id). Marks an open request claimed by the caller and notifies the rider; claiming one the caller already holds changes nothing, one claimed by someone else or closed is a 409 CONFLICT. Returns the full request. Audited.', params: IdParams, response: { 200: HelpDetail } },
    },
    async (request) => claimHelpRequest(app.db, cipher, request.principal, request.params.id, app.clock.now()),
  );

  app.post(
    '/help-requests/:id/close',
    {
      onRequest: admin,
      schema: { tags, summary: '办结求助并答复骑手（已办结为 409）', description: 'Admins of the request’s org or an org above it (and super admins); for anyone else it does not exist (404, as for an unknown id). Closes an open or claimed request with a note the rider sees (stored encrypted) and notifies the rider; closing it again is a 409 CONFLICT. Returns the full request. Audited.', params: IdParams, body: CloseBody, response: { 200: HelpDetail } },
    },
    async (request) => closeHelpRequest(app.db, cipher, request.principal, request.params.id, request.body.note, app.clock.now()),
  );

  app.put(
    '/orgs/:id/hotline',
    {
      onRequest: admin,
      schema: {
        tags,
        summary: '设置本工会的求助热线（工会管理员；null 为沿用上级或默认 12351）',
        description: 'Admins of that org or an org above it (and super admins); others get 403, an unknown org 404. Sets the org’s own help hotline, or with null clears it so the nearest ancestor’s (else HELP_HOTLINE) applies; returns the setting and the number riders routed to this org dial. Audited.',
        params: IdParams,
        body: OrgHotlineBody,
        response: { 200: OrgHotline },
      },
    },
    async (request) => setOrgHotline(app.db, request.principal, request.params.id, request.body.hotline, opts.hotline),
  );
};
