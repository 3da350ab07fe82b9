/**
 * The REST contract v1 (shared/docs/API.md), written by hand.
 *
 * Organised as the OpenAPI generator would: shared schemas first, then one request/response pair
 * per operation, then the `Operations` index keyed by `METHOD /path`. When the server's
 * `/docs/json` becomes the source, generate this file and keep the exported names.
 */

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

export type Role = 'rider' | 'station_staff' | 'org_admin' | 'super_admin';

export interface UserSummary {
  id: Id;
  nickname: string | null;
}
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Access-token lifetime in seconds. */
  expiresIn: number;
  user: UserSummary;
}
export interface WechatLoginBody {
  code: string;
}
export interface DevLoginBody {
  openid: string;
  nickname?: string;
}
export interface RefreshBody {
  refreshToken: string;
}

export interface RoleEntry {
  role: Role;
  orgId?: Id;
  orgName?: string;
  stationId?: Id;
  stationName?: string;
}
export type MembershipStatus = 'none' | 'pending' | 'approved' | 'rejected';
export interface StampSummary {
  balance: number;
  total: number;
  goal: number;
}
export interface Me {
  id: Id;
  nickname: string | null;
  roles: RoleEntry[];
  membership: { status: MembershipStatus; memberNo?: string };
  stamps: StampSummary;
}

// ---------- orgs ----------

export type OrgKind = 'district' | 'street' | 'industry';
export interface Org {
  id: Id;
  name: string;
  parentId: Id | null;
  kind: OrgKind;
}

// ---------- stations ----------

export const SERVICE_KEYS = [
  'hot_water',
  'microwave',
  'charging',
  'rest_area',
  'restroom',
  'fridge',
  'umbrella_raincoat',
  'medical_kit',
  'sewing_kit',
  'air_pump',
  'wifi',
  'reading',
  'legal_aid',
  'counselling',
  'meal_discount',
  'haircut_discount',
  'repair_discount',
] as const;
export type ServiceKey = (typeof SERVICE_KEYS)[number];

export const STATION_KINDS = ['union_station', 'warm_station', 'outdoor_worker_station', 'partner_shop'] as const;
export type StationKind = (typeof STATION_KINDS)[number];

export interface WeeklyHours {
  /** 1 = Monday … 7 = Sunday. */
  days: number[];
  /** `HH:mm`, Asia/Shanghai. A close earlier than open runs past midnight. */
  open: string;
  close: string;
}
export interface OpeningHours {
  weekly: WeeklyHours[];
  alwaysOpen?: boolean;
}

export interface Station {
  id: Id;
  name: string;
  kind: StationKind;
  address: string;
  lat: number;
  lng: number;
  services: ServiceKey[];
  openNow: boolean;
  hours: OpeningHours;
  phone?: string | null;
  /** Only when the request carried a location. */
  distanceM?: number;
  orgId?: Id;
  status?: 'active' | 'closed';
  externalCode?: string | null;
}
export interface NearbyStationsQuery {
  lat: number;
  lng: number;
  limit?: number;
  radiusM?: number;
  services?: ServiceKey[];
  openNow?: boolean;
  kind?: StationKind;
}
export interface StationCheckinCode {
  code: string;
  url: string;
}
export interface StationCheckinBody {
  code: string;
  lat?: number;
  lng?: number;
}
export interface StationCheckinResult {
  checkin: { id: Id; stationId: Id; at: Instant };
  duplicate: boolean;
}
export interface CheckinStat {
  date: CalendarDate;
  stationId: Id;
  visits: number;
  uniqueRiders: number;
}
export interface StatsRangeQuery {
  orgId?: Id;
  from?: CalendarDate;
  to?: CalendarDate;
}

// ---------- membership ----------

export const PLATFORMS = ['meituan', 'eleme', 'sf', 'jd', 'yunda', 'yto', 'zto', 'sto', 'jtexpress', 'deppon', 'shansong', 'dada', 'other'] as const;
export type Platform = (typeof PLATFORMS)[number];
export const OCCUPATIONS = ['food_delivery', 'courier', 'ride_hailing', 'truck_driver', 'other'] as const;
export type Occupation = (typeof OCCUPATIONS)[number];

export interface Meeting {
  id: Id;
  title: string;
  orgId: Id;
  orgName?: string;
  startsAt: Instant;
  endsAt: Instant;
  location?: string | null;
  host?: string | null;
}
export interface CreateMeetingBody {
  title: string;
  startsAt: Instant;
  endsAt: Instant;
  orgId?: Id;
  location?: string;
  host?: string;
}
export interface ApplicationBody {
  meetingId?: Id;
  orgId?: Id;
  realName: string;
  phone: string;
  idCardNumber: string;
  platform: Platform;
  platformOther?: string;
  occupation: Occupation;
  occupationOther?: string;
  workArea?: string;
  consent: true;
}
export type ApplicationStatus = 'pending' | 'approved' | 'rejected';
export interface ApplicationCreated {
  id: Id;
  status: 'pending';
}
export interface MyMembership {
  status: MembershipStatus;
  application?: {
    id: Id;
    status: ApplicationStatus;
    submittedAt: Instant;
    orgId: Id;
    orgName: string;
    platform: Platform;
    occupation: Occupation;
    rejectReason?: string | null;
  };
  memberNo?: string;
  memberSince?: Instant;
}
/** As staff see it: `idCardNumber` and `phone` masked. */
export interface ApplicationForReview {
  id: Id;
  status: ApplicationStatus;
  realName: string;
  phone: string;
  idCardNumber: string;
  platform: Platform;
  platformOther?: string | null;
  occupation: Occupation;
  occupationOther?: string | null;
  workArea?: string | null;
  meetingId?: Id | null;
  orgId: Id;
  orgName?: string;
  submittedAt: Instant;
  rejectReason?: string | null;
  memberNo?: string | null;
}
export interface ApplicationsQuery extends PageQuery {
  status?: ApplicationStatus;
  orgId?: Id;
  meetingId?: Id;
}
export interface ApproveResult {
  status: 'approved';
  memberNo: string;
}
export interface RejectBody {
  reason: string;
}
export interface BulkApproveResult {
  results: { id: Id; status: 'approved' | 'failed'; memberNo?: string; error?: { code: ErrorCode; message: string } }[];
}
export interface MembershipDailyStat {
  date: CalendarDate;
  submitted: number;
  approved: number;
  rejected: number;
  byPlatform: Partial<Record<Platform, number>>;
}

// ---------- stamps ----------

export const ACTIVITY_KINDS = ['volunteer', 'civic', 'meeting', 'training'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export interface Activity {
  id: Id;
  title: string;
  kind: ActivityKind;
  startsAt: Instant;
  endsAt: Instant;
  orgId: Id;
  description?: string | null;
  lat?: number | null;
  lng?: number | null;
  radiusM?: number | null;
  stamps: number;
}
export interface CreateActivityBody {
  title: string;
  kind: ActivityKind;
  startsAt: Instant;
  endsAt: Instant;
  orgId?: Id;
  description?: string;
  lat?: number;
  lng?: number;
  radiusM?: number;
  stamps?: number;
}
export interface ActivityToken {
  token: string;
  expiresAt: Instant;
}
export interface ActivityCheckinBody {
  token: string;
  lat?: number;
  lng?: number;
}
export interface ActivityCheckinResult {
  stamp?: { id: Id; amount: number; awardedAt: Instant };
  balance: number;
  duplicate: boolean;
}

export type StampSource = 'activity' | 'report';
export interface StampRecord {
  id: Id;
  source: StampSource;
  title: string;
  amount: number;
  awardedAt: Instant;
}
export interface RedemptionRecord {
  id: Id;
  rewardName: string;
  stationName: string;
  cost: number;
  fulfilledAt: Instant;
}
export interface MyStamps extends StampSummary {
  items: StampRecord[];
  redemptions: RedemptionRecord[];
}

export const REPORT_CATEGORIES = ['safety_hazard', 'environment', 'traffic', 'public_facility', 'other'] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];
export type ReportStatus = 'pending' | 'accepted' | 'rejected';
export interface Report {
  id: Id;
  status: ReportStatus;
  category: ReportCategory;
  description: string;
  lat: number;
  lng: number;
  address?: string | null;
  createdAt?: Instant;
  rejectReason?: string | null;
  stampAwarded?: boolean;
  orgId?: Id;
}
/** Text fields of the multipart body; the file goes in the `photo` part. */
export interface ReportFields {
  category: ReportCategory;
  description: string;
  lat: number;
  lng: number;
  address?: string;
  orgId?: Id;
}
export interface ReportCreated {
  id: Id;
  status: 'pending';
}
export interface ReportAccepted {
  status: 'accepted';
  stampAwarded: boolean;
  reason?: string;
}

export interface Reward {
  id: Id;
  name: string;
  cost: number;
  stock: number;
  stationId: Id;
  stationName?: string;
}
export interface RedemptionBody {
  stationId: Id;
  rewardId: Id;
}
export interface RedemptionCode {
  id: Id;
  code: string;
  expiresAt: Instant;
}
export interface FulfilResult {
  redemption: { id: Id; status: 'fulfilled' };
  balanceAfter: number;
}

// ---------- operations index (what a generator would emit) ----------

export interface Operations {
  'POST /auth/wechat': { body: WechatLoginBody; response: TokenPair };
  'POST /auth/dev': { body: DevLoginBody; response: TokenPair };
  'POST /auth/refresh': { body: RefreshBody; response: TokenPair };
  'POST /auth/logout': { body: RefreshBody; response: void };
  'GET /me': { response: Me };
  'GET /orgs': { response: Items<Org> };
  'GET /stations/nearby': { query: NearbyStationsQuery; response: Items<Station> };
  'GET /stations/:id': { query: { lat?: number; lng?: number }; response: Station };
  'GET /stations/:id/checkin-code': { response: StationCheckinCode };
  'POST /stations/:id/checkins': { body: StationCheckinBody; response: StationCheckinResult };
  'GET /stats/checkins': { query: StatsRangeQuery; response: Items<CheckinStat> };
  'POST /meetings': { body: CreateMeetingBody; response: Meeting };
  'GET /meetings': { query: { orgId?: Id } & PageQuery; response: Page<Meeting> };
  'GET /meetings/:id': { response: Meeting };
  'POST /membership/applications': { body: ApplicationBody; response: ApplicationCreated };
  'GET /membership/me': { response: MyMembership };
  'GET /membership/applications': { query: ApplicationsQuery; response: Page<ApplicationForReview> };
  'POST /membership/applications/:id/approve': { response: ApproveResult };
  'POST /membership/applications/:id/reject': { body: RejectBody; response: { status: 'rejected' } };
  'POST /membership/applications/approve': { body: { ids: Id[] }; response: BulkApproveResult };
  'GET /stats/membership/daily': { query: StatsRangeQuery; response: Items<MembershipDailyStat> };
  'POST /activities': { body: CreateActivityBody; response: Activity };
  'GET /activities': { query: { orgId?: Id } & PageQuery; response: Page<Activity> };
  'GET /activities/:id': { response: Activity };
  'GET /activities/:id/checkin-token': { response: ActivityToken };
  'POST /activities/:id/checkins': { body: ActivityCheckinBody; response: ActivityCheckinResult };
  'GET /stamps/me': { response: MyStamps };
  'POST /reports': { body: ReportFields; response: ReportCreated };
  'GET /reports/me': { query: PageQuery; response: Page<Report> };
  'GET /reports': { query: { status?: ReportStatus } & PageQuery; response: Page<Report> };
  'POST /reports/:id/accept': { response: ReportAccepted };
  'POST /reports/:id/reject': { body: RejectBody; response: { status: 'rejected' } };
  'GET /rewards': { query: { stationId?: Id }; response: Items<Reward> };
  'POST /redemptions': { body: RedemptionBody; response: RedemptionCode };
  'POST /redemptions/fulfill': { body: { code: string }; response: FulfilResult };
}
export type OperationKey = keyof Operations;
