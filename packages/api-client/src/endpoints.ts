import type { ApiClient } from './client';
import { fillPath } from './client';
import type * as C from './contract';
import type { UploadFile } from './transport';

const p = fillPath;

/** One typed function per contract operation, grouped by feature as API.md is. */
export function createEndpoints(client: ApiClient) {
  const { get, post } = client;
  const put = <T>(path: string, body: unknown) => client.request<T>('PUT', path, { body });
  return {
    auth: {
      wechat: (body: C.WechatLoginBody) => post<C.TokenPair>('/auth/wechat', body, { auth: false }),
      dev: (body: C.DevLoginBody) => post<C.TokenPair>('/auth/dev', body, { auth: false }),
      logout: (body: C.RefreshBody) => post<void>('/auth/logout', body, { auth: false }),
      me: () => get<C.Me>('/me'),
    },
    orgs: {
      list: () => get<C.Items<C.Org>>('/orgs'),
    },
    stations: {
      nearby: (query: C.NearbyStationsQuery) => get<C.Items<C.Station>>('/stations/nearby', { query: { ...query }, auth: false }),
      get: (id: C.Id, near?: { lat: number; lng: number }) => get<C.Station>(p('/stations/:id', { id }), { query: near, auth: false }),
      checkinCode: (id: C.Id) => get<C.StationCheckinCode>(p('/stations/:id/checkin-code', { id })),
      checkin: (id: C.Id, body: C.StationCheckinBody) => post<C.StationCheckinResult>(p('/stations/:id/checkins', { id }), body),
      checkinStats: (query: C.StatsRangeQuery = {}) => get<C.Items<C.CheckinStat>>('/stats/checkins', { query: { ...query } }),
      setState: (id: C.Id, body: C.StationStateBody) => put<{ state: C.StationState }>(p('/stations/:id/state', { id }), body),
      clearState: (id: C.Id) => client.delete(p('/stations/:id/state', { id })),
      live: (id: C.Id) => get<C.StationLive>(p('/stations/:id/live', { id })),
      confirm: (id: C.Id, body: C.ConfirmationBody) => post<C.ConfirmationResult>(p('/stations/:id/confirmations', { id }), body),
    },
    help: {
      hotline: (near?: { lat: number; lng: number }) => get<C.Hotline>('/help-requests/hotline', { query: near }),
      create: (body: C.HelpRequestBody) => post<C.HelpCreated>('/help-requests', body),
      mine: () => get<C.Items<C.MyHelpRequest>>('/help-requests/me'),
      list: (query: C.HelpListQuery = {}) => get<C.Page<C.HelpListItem>>('/help-requests', { query: { ...query } }),
      get: (id: C.Id) => get<C.HelpDetail>(p('/help-requests/:id', { id })),
      claim: (id: C.Id) => post<C.HelpDetail>(p('/help-requests/:id/claim', { id })),
      close: (id: C.Id, note: string) => post<C.HelpDetail>(p('/help-requests/:id/close', { id }), { note }),
    },
    meetings: {
      create: (body: C.CreateMeetingBody) => post<C.Meeting>('/meetings', body),
      list: (query: { orgId?: C.Id } & C.PageQuery = {}) => get<C.Page<C.Meeting>>('/meetings', { query: { ...query } }),
      get: (id: C.Id) => get<C.Meeting>(p('/meetings/:id', { id })),
      qrcodeImage: (id: C.Id) => client.download(p('/meetings/:id/qrcode.png', { id })),
    },
    membership: {
      apply: (body: C.ApplicationBody) => post<C.ApplicationCreated>('/membership/applications', body),
      mine: () => get<C.MyMembership>('/membership/me'),
      card: () => get<C.MemberCard>('/membership/card'),
      verifyCard: (body: C.VerifyMemberCardBody) => post<C.MemberCardVerification>('/membership/verify', body),
      applications: (query: C.ApplicationsQuery = {}) => get<C.Page<C.ApplicationForReview>>('/membership/applications', { query: { ...query } }),
      approve: (id: C.Id) => post<C.ApproveResult>(p('/membership/applications/:id/approve', { id })),
      reject: (id: C.Id, reason: string) => post<{ status: 'rejected' }>(p('/membership/applications/:id/reject', { id }), { reason }),
      approveMany: (ids: C.Id[]) => post<C.BulkApproveResult>('/membership/applications/approve', { ids }),
      dailyStats: (query: C.StatsRangeQuery = {}) => get<C.Items<C.MembershipDailyStat>>('/stats/membership/daily', { query: { ...query } }),
    },
    activities: {
      create: (body: C.CreateActivityBody) => post<C.Activity>('/activities', body),
      list: (query: { orgId?: C.Id } & C.PageQuery = {}) => get<C.Page<C.Activity>>('/activities', { query: { ...query } }),
      get: (id: C.Id) => get<C.Activity>(p('/activities/:id', { id })),
      token: (id: C.Id) => get<C.ActivityToken>(p('/activities/:id/checkin-token', { id })),
      checkin: (id: C.Id, body: C.ActivityCheckinBody) => post<C.ActivityCheckinResult>(p('/activities/:id/checkins', { id }), body),
    },
    stamps: {
      mine: () => get<C.MyStamps>('/stamps/me'),
      dailyStats: (query: C.StatsRangeQuery = {}) => get<C.Items<C.StampDailyStat>>('/stats/stamps/daily', { query: { ...query } }),
    },
    reports: {
      create: (fields: C.ReportFields, photo: UploadFile, onProgress?: (percent: number) => void) =>
        client.upload<C.ReportCreated>('/reports', { name: 'photo', file: photo, fields: { ...fields }, onProgress }),
      mine: (query: C.PageQuery = {}) => get<C.Page<C.Report>>('/reports/me', { query: { ...query } }),
      list: (query: { status?: C.ReportStatus } & C.PageQuery = {}) => get<C.Page<C.Report>>('/reports', { query: { ...query } }),
      accept: (id: C.Id) => post<C.ReportAccepted>(p('/reports/:id/accept', { id })),
      reject: (id: C.Id, reason: string) => post<{ status: 'rejected' }>(p('/reports/:id/reject', { id }), { reason }),
      photo: (id: C.Id) => client.download(p('/reports/:id/photo', { id })),
    },
    rewards: {
      list: (stationId?: C.Id) => get<C.Items<C.Reward>>('/rewards', { query: { stationId }, auth: false }),
    },
    redemptions: {
      create: (body: C.RedemptionBody) => post<C.RedemptionCode>('/redemptions', body),
      /** The rider's own redemption: its status turns `fulfilled` once the station has scanned it. */
      get: (id: C.Id) => get<C.RedemptionState>(p('/redemptions/:id', { id })),
      fulfil: (code: string) => post<C.FulfilResult>('/redemptions/fulfill', { code }),
    },
    notifications: {
      list: (query: C.PageQuery = {}) => get<C.NotificationPage>('/notifications', { query: { ...query } }),
      unread: () => get<{ unread: number }>('/notifications/unread'),
      read: (body: C.ReadNotificationsBody) => post<void>('/notifications/read', body),
      templates: () => get<C.NotificationTemplates>('/notifications/templates'),
      subscribe: (body: C.SubscriptionBody) => post<C.SubscriptionResult>('/notifications/subscriptions', body),
      settings: () => get<C.NotificationSettings>('/notifications/settings'),
      saveSettings: (body: C.NotificationSettings) => client.request<C.NotificationSettings>('PUT', '/notifications/settings', { body }),
    },
  };
}

export type Endpoints = ReturnType<typeof createEndpoints>;
