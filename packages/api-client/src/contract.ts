/**
 * The REST contract v1 as TypeScript types, derived from `generated/openapi.ts`, which
 * `pnpm gen:api` writes from the server's own route schemas. Nothing here restates a field: when a
 * route schema changes, these types change with it and the mini-program stops compiling where it
 * no longer fits. The vocabularies (service keys, platforms …) come from @xfqs/domain.
 */
import type { ServiceKey } from '@xfqs/domain';
import type { paths } from './generated/openapi';

export {
  ACTIVITY_KINDS,
  OCCUPATIONS,
  PLATFORMS,
  REPORT_CATEGORIES,
  SERVICE_KEYS,
  STATION_KINDS,
  type ActivityKind,
  type Occupation,
  type Platform,
  type ReportCategory,
  type ServiceKey,
  type StationKind,
} from '@xfqs/domain';

// ---------- deriving types from the generated document ----------

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Route<P extends string> = Extract<`/api/v1${P}`, keyof paths>;
type Operation<P extends string, M extends Method> = NonNullable<paths[Route<P>][M & keyof paths[Route<P>]]>;
type Content<T, Type extends string> = T extends { content: infer C } ? (Type extends keyof C ? C[Type] : never) : never;
type SuccessOf<R> = Content<R[200 & keyof R], 'application/json'> | Content<R[201 & keyof R], 'application/json'>;

/** The JSON body of an operation's success response (200 or 201), e.g. `ResponseOf<'/me', 'get'>`. */
export type ResponseOf<P extends string, M extends Method> = Operation<P, M> extends { responses: infer R } ? SuccessOf<R> : never;
/** The JSON request body of an operation. */
export type BodyOf<P extends string, M extends Method> = Operation<P, M> extends { requestBody?: infer B } ? Content<NonNullable<B>, 'application/json'> : never;
/** The multipart fields of an upload operation (the file part included, as the document names it). */
export type FormOf<P extends string, M extends Method> = Operation<P, M> extends { requestBody?: infer B } ? Content<NonNullable<B>, 'multipart/form-data'> : never;
/** The query parameters of an operation. */
export type QueryOf<P extends string, M extends Method> = Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
type ItemOf<T> = T extends { items: Array<infer I> } ? I : never;

// ---------- shared ----------

export type Id = string;
/** ISO-8601 UTC instant, e.g. `2026-11-25T06:00:00.000Z`. */
export type Instant = string;
/** Calendar day in Asia/Shanghai, `YYYY-MM-DD`. */
export type CalendarDate = string;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
export interface Items<T> {
  items: T[];
}
export interface PageQuery {
  limit?: number;
  cursor?: string;
}

export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'ALREADY_APPLIED',
  'ALREADY_FULFILLED',
  'OUT_OF_STOCK',
  'CONFLICT',
  'CODE_EXPIRED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'INVALID_CODE',
  'ACTIVITY_CLOSED',
  'OUT_OF_RANGE',
  'INSUFFICIENT_STAMPS',
  'NOT_A_MEMBER',
  'RULE_VIOLATION',
  'RATE_LIMITED',
  'UNAVAILABLE',
] as const;
export type ContractErrorCode = (typeof ERROR_CODES)[number];
/** Codes the client itself produces when no contract error came back. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'TIMEOUT' | 'INTERNAL' | 'BAD_RESPONSE';
export type ErrorCode = ContractErrorCode | ClientErrorCode;

export interface FieldError {
  field: string;
  message: string;
}
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

// ---------- auth ----------

export type TokenPair = ResponseOf<'/auth/dev', 'post'>;
export type UserSummary = TokenPair['user'];
export type WechatLoginBody = BodyOf<'/auth/wechat', 'post'>;
export type DevLoginBody = BodyOf<'/auth/dev', 'post'>;
export type RefreshBody = BodyOf<'/auth/refresh', 'post'>;
export type Me = ResponseOf<'/me', 'get'>;
export type RoleEntry = Me['roles'][number];
export type Role = RoleEntry['role'];
export type MembershipStatus = Me['membership']['status'];
export type StampSummary = Me['stamps'];

// ---------- orgs ----------

export type Org = ItemOf<ResponseOf<'/orgs', 'get'>>;
export type OrgKind = Org['kind'];

// ---------- stations ----------

type StationDetail = ResponseOf<'/stations/{id}', 'get'>;
type NearbyStation = ItemOf<ResponseOf<'/stations/nearby', 'get'>>;
/**
 * A station as the app shows it, from `nearby` (with `distanceM`) or from `GET /stations/:id`
 * (with `status`, `externalCode`, …): what both carry, plus what only one of them does.
 */
export type Station = Omit<NearbyStation, 'distanceM'> &
  Partial<Pick<NearbyStation, 'distanceM'>> &
  Partial<Pick<StationDetail, 'status' | 'externalCode' | 'photoUrl' | 'updatedAt' | 'confirmations'>>;
/** The live state staff set (closed now, paused services, a note), in force until `until`. */
export type StationState = NonNullable<NearbyStation['state']>;
export type StationStateBody = BodyOf<'/stations/{id}/state', 'put'>;
export type StationConfirmation = NonNullable<StationDetail['confirmations']>[number];
export type ConfirmationKind = StationConfirmation['kind'];
export type ConfirmationBody = BodyOf<'/stations/{id}/confirmations', 'post'>;
export type ConfirmationResult = ResponseOf<'/stations/{id}/confirmations', 'post'>;
export type StationLive = ResponseOf<'/stations/{id}/live', 'get'>;
export type OpeningHours = StationDetail['hours'];
export type WeeklyHours = OpeningHours['weekly'][number];
/** `services` as a list; the client sends it comma-separated, as the API takes it. */
export type NearbyStationsQuery = Omit<QueryOf<'/stations/nearby', 'get'>, 'services'> & { services?: ServiceKey[] };
export type StationCheckinCode = ResponseOf<'/stations/{id}/checkin-code', 'get'>;
export type StationCheckinBody = BodyOf<'/stations/{id}/checkins', 'post'>;
export type StationCheckinResult = ResponseOf<'/stations/{id}/checkins', 'post'>;
export type CheckinStat = ItemOf<ResponseOf<'/stats/checkins', 'get'>>;

// ---------- membership ----------

export type Meeting = ResponseOf<'/meetings/{id}', 'get'>;
export type MeetingListItem = ItemOf<ResponseOf<'/meetings', 'get'>>;
export type CreateMeetingBody = BodyOf<'/meetings', 'post'>;
export type ApplicationBody = BodyOf<'/membership/applications', 'post'>;
export type ApplicationCreated = ResponseOf<'/membership/applications', 'post'>;
export type MyMembership = ResponseOf<'/membership/me', 'get'>;
/** The electronic member card: masked name, member number, union, join date and a 5-minute code for staff. */
export type MemberCard = ResponseOf<'/membership/card', 'get'>;
export type VerifyMemberCardBody = BodyOf<'/membership/verify', 'post'>;
export type MemberCardVerification = ResponseOf<'/membership/verify', 'post'>;
/** As staff see it in lists: `idCardNumber` and `phone` masked. */
export type ApplicationForReview = ItemOf<ResponseOf<'/membership/applications', 'get'>>;
export type ApplicationStatus = ApplicationForReview['status'];
export type ApplicationsQuery = QueryOf<'/membership/applications', 'get'>;
export type ApproveResult = ResponseOf<'/membership/applications/{id}/approve', 'post'>;
export type RejectBody = BodyOf<'/membership/applications/{id}/reject', 'post'>;
export type BulkApproveResult = ResponseOf<'/membership/applications/approve', 'post'>;
export type MembershipDailyStat = ItemOf<ResponseOf<'/stats/membership/daily', 'get'>>;
export type MeetingFunnel = ItemOf<ResponseOf<'/stats/membership/meetings', 'get'>>;
export type StatsRangeQuery = QueryOf<'/stats/membership/daily', 'get'>;

// ---------- stamps ----------

export type Activity = ResponseOf<'/activities/{id}', 'get'>;
export type CreateActivityBody = BodyOf<'/activities', 'post'>;
export type ActivityToken = ResponseOf<'/activities/{id}/checkin-token', 'get'>;
export type ActivityCheckinBody = BodyOf<'/activities/{id}/checkins', 'post'>;
export type ActivityCheckinResult = ResponseOf<'/activities/{id}/checkins', 'post'>;
export type MyStamps = ResponseOf<'/stamps/me', 'get'>;
export type StampRecord = MyStamps['items'][number];
export type StampSource = StampRecord['source'];
export type RedemptionRecord = MyStamps['redemptions'][number];
export type Report = ItemOf<ResponseOf<'/reports/me', 'get'>>;
export type ReportStatus = Report['status'];
/** Text fields of the multipart body; the file goes in the `photo` part. */
export type ReportFields = Omit<FormOf<'/reports', 'post'>, 'photo'>;
export type ReportCreated = ResponseOf<'/reports', 'post'>;
export type ReportAccepted = ResponseOf<'/reports/{id}/accept', 'post'>;
export type Reward = ItemOf<ResponseOf<'/rewards', 'get'>>;
export type RedemptionBody = BodyOf<'/redemptions', 'post'>;
export type RedemptionCode = ResponseOf<'/redemptions', 'post'>;
export type RedemptionState = ResponseOf<'/redemptions/{id}', 'get'>;
export type FulfilResult = ResponseOf<'/redemptions/fulfill', 'post'>;
export type StampDailyStat = ItemOf<ResponseOf<'/stats/stamps/daily', 'get'>>;

// ---------- notifications (消息) ----------
export type NotificationPage = ResponseOf<'/notifications', 'get'>;
export type Notification = NotificationPage['items'][number];
export type NotificationKind = Notification['kind'];
export type ReadNotificationsBody = BodyOf<'/notifications/read', 'post'>;
export type SubscriptionBody = BodyOf<'/notifications/subscriptions', 'post'>;
export type SubscriptionResult = ResponseOf<'/notifications/subscriptions', 'post'>;
export type NotificationTemplates = ResponseOf<'/notifications/templates', 'get'>;
export type NotificationSettings = ResponseOf<'/notifications/settings', 'get'>;

// ---------- help (一键求助) ----------

export type HelpRequestBody = BodyOf<'/help-requests', 'post'>;
export type HelpCategory = HelpRequestBody['category'];
export type HelpCreated = ResponseOf<'/help-requests', 'post'>;
export type MyHelpRequest = ItemOf<ResponseOf<'/help-requests/me', 'get'>>;
export type HelpStatus = MyHelpRequest['status'];
export type HelpListItem = ItemOf<ResponseOf<'/help-requests', 'get'>>;
export type HelpListQuery = QueryOf<'/help-requests', 'get'>;
export type HelpDetail = ResponseOf<'/help-requests/{id}', 'get'>;
export type Hotline = ResponseOf<'/help-requests/hotline', 'get'>;
