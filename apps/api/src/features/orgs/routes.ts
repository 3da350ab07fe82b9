import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { CreateOrgBody, Grant, GrantBody, GrantListQuery, Org } from './schemas';
import { createOrg, listOrgs } from './service';
import { grantRole, listGrants, revokeRole } from './grants';
import { stationOrgOf } from './scope';


export const orgRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/orgs',
    {
      schema: { tags: ['orgs'], summary: '工会组织树', description: 'Any signed-in caller. Every union org (id, name, parent, kind, code) in tree order, parents before their children; not paged. Served from the read replica when one is configured.',  response: { 200: Type.Object({ items: Type.Array(Org) }) } },
    },
    async () => ({ items: await listOrgs(app.dbRead) }),
  );

  app.post(
    '/orgs',
    {
      onRequest: [app.requireRole('super_admin')],
      schema: { tags: ['orgs'], summary: '新建工会组织（超级管理员）', description: 'Super admins only. Creates an org under `parentId`; only a district or industry union may have no parent (400 otherwise). An unknown `parentId` is a 400; a `code` already in use is a 409 CONFLICT.',  body: CreateOrgBody, response: { 201: Org } },
    },
    async (request, reply) => reply.status(201).send(await createOrg(app.db, request.body)),
  );

  app.get(
    '/admin/grants',
    {
      onRequest: [app.requireRole('super_admin')],
      schema: { tags: ['orgs'], summary: '角色授权列表（超级管理员）', description: 'Super admins only. Role grants with the user’s openid and nickname, optionally filtered by `openid` or `orgId`, ordered by openid and role; not paged.',  querystring: GrantListQuery, response: { 200: Type.Object({ items: Type.Array(Grant) }) } },
    },
    async (request) => ({ items: await listGrants(app.db, request.query) }),
  );

  app.post(
    '/admin/grants',
    {
      onRequest: [app.requireRole('super_admin', 'org_admin')],
      schema: {
        tags: ['orgs'],
        summary: '授予角色（超级管理员；工会管理员可授予其辖区内驿站的工作人员）',
        description: 'Super admins may grant any role; an org admin may grant only station_staff, for a station in their org subtree (403 otherwise). org_admin needs `orgId`, station_staff needs `stationId`, rider cannot be granted, and an unknown org or station is a 400. Idempotent: an existing grant is returned as it is; a user is created for an openid that never signed in. Audited.',
        body: GrantBody,
        response: { 201: Grant },
      },
    },
    async (request, reply) => reply.status(201).send(await grantRole(app.db, request.principal, request.body, stationOrgOf)),
  );

  app.delete(
    '/admin/grants',
    {
      onRequest: [app.requireRole('super_admin', 'org_admin')],
      schema: { tags: ['orgs'], summary: '撤销角色', description: 'Revokes one grant, under the same rules as granting: super admins any grant, org admins only station_staff of a station in their org subtree (403 otherwise). A grant that does not exist is a 404. Audited.',  body: GrantBody, response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      await revokeRole(app.db, request.principal, request.body, stationOrgOf);
      return reply.status(204).send(null);
    },
  );
};
