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
      schema: { tags: ['orgs'], summary: '工会组织树',  response: { 200: Type.Object({ items: Type.Array(Org) }) } },
    },
    async () => ({ items: await listOrgs(app.dbRead) }),
  );

  app.post(
    '/orgs',
    {
      onRequest: [app.requireRole('super_admin')],
      schema: { tags: ['orgs'], summary: '新建工会组织（超级管理员）',  body: CreateOrgBody, response: { 201: Org } },
    },
    async (request, reply) => reply.status(201).send(await createOrg(app.db, request.body)),
  );

  app.get(
    '/admin/grants',
    {
      onRequest: [app.requireRole('super_admin')],
      schema: { tags: ['orgs'], summary: '角色授权列表（超级管理员）',  querystring: GrantListQuery, response: { 200: Type.Object({ items: Type.Array(Grant) }) } },
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
      schema: { tags: ['orgs'], summary: '撤销角色',  body: GrantBody, response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      await revokeRole(app.db, request.principal, request.body, stationOrgOf);
      return reply.status(204).send(null);
    },
  );
};
