import { Type, type Static } from '@sinclair/typebox';
import { OCCUPATIONS, PLATFORMS, type Occupation, type Platform } from '@xfqs/domain';
import { APPLICATION_STATUSES, type ApplicationStatus } from '@xfqs/db';
import { Closed, DateTime, Day, DayRangeQuery, Id, Nullable, Page, PageQuery } from '../../schemas';

/** A string from a fixed list, validated with one clear message ("must be equal to one of the allowed values"). */
const OneOf = <T extends string>(values: readonly T[], description?: string) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });

export const PlatformSchema = OneOf<Platform>(PLATFORMS, '从业平台');
export const OccupationSchema = OneOf<Occupation>(OCCUPATIONS, '职业');
export const ApplicationStatusSchema = OneOf<ApplicationStatus>(APPLICATION_STATUSES);

// ---------- meetings ----------

export const MeetingRefParams = Closed({
  id: Type.String({
    pattern: '^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9A-Za-z]{8})$',
    description: 'The meeting id, or its 8-character `code` (what the QR code carries; case-insensitive)',
  }),
});

export const Meeting = Type.Object({
  id: Id,
  title: Type.String(),
  orgId: Id,
  orgName: Type.String(),
  startsAt: DateTime,
  endsAt: DateTime,
  location: Nullable(Type.String()),
  host: Nullable(Type.String()),
  code: Type.String({
    description:
      'Short public code (8 characters, Crockford base32). `GET /meetings/:id` and `/meetings/:id/qrcode.png` accept it in place of the id.',
  }),
  scene: Type.String({
    description: 'The `scene` for a mini-program code (wxacode.getUnlimited, page `pages/join/meeting`): `m=<code>`, at most 32 characters',
  }),
  url: Type.String({
    description: 'The join link the printable QR carries: `<origin>/#/pages/join/meeting?meetingId=<code>` (opens the H5 app, or the mini-program via a plain-URL QR rule)',
  }),
});
export type Meeting = Static<typeof Meeting>;

export const CreateMeetingBody = Closed({
  title: Type.String({ minLength: 1, maxLength: 100 }),
  startsAt: DateTime,
  endsAt: Type.String({ format: 'date-time', description: 'Must be after startsAt' }),
  orgId: Type.Optional(Type.String({ format: 'uuid', description: "Defaults to the admin's own org" })),
  location: Type.Optional(Type.String({ maxLength: 200 })),
  host: Type.Optional(Type.String({ maxLength: 60, description: 'Who hosts it, e.g. the depot lead' })),
});
export type CreateMeetingBody = Static<typeof CreateMeetingBody>;

export const MeetingListQuery = Closed(
  { orgId: Type.Optional(Id), ...PageQuery },
  { description: 'Meetings of `orgId` and the orgs below it (default: every org the admin administers), latest start first' },
);
export type MeetingListQuery = Static<typeof MeetingListQuery>;
export const MeetingPage = Page(Meeting);

export const QrQuery = Closed({
  size: Type.Optional(
    Type.Integer({
      minimum: 200,
      maximum: 1000,
      default: 600,
      description: 'Image width in pixels, 200–1000 (larger is a 400: a 1000-pixel code prints sharp on A4 and each pixel costs server CPU)',
    }),
  ),
});

// ---------- applications ----------

export const ApplicationBody = Closed({
  meetingId: Type.Optional(Type.String({ format: 'uuid', description: 'The meeting the rider applies through; the org comes from it' })),
  orgId: Type.Optional(Type.String({ format: 'uuid', description: 'For walk-ins without a meeting; must match the meeting’s org when both are given' })),
  realName: Type.String({ maxLength: 60, description: '2–30 characters; Chinese names with · (minority names) or a Latin-script name' }),
  phone: Type.String({ maxLength: 20, description: 'Mainland mobile number' }),
  idCardNumber: Type.String({ maxLength: 30, description: '18-digit resident ID number; X allowed; age 16 or older' }),
  platform: PlatformSchema,
  platformOther: Type.Optional(Type.String({ maxLength: 30, description: 'Required when platform is `other`' })),
  occupation: OccupationSchema,
  occupationOther: Type.Optional(Type.String({ maxLength: 30, description: 'Required when occupation is `other`' })),
  workArea: Type.Optional(Type.String({ maxLength: 60 })),
  consent: Type.Boolean({ description: 'Must be true: consent to the privacy notice' }),
  privacyNoticeVersion: Type.Optional(
    Type.String({ maxLength: 20, description: 'The notice version the rider saw (GET /membership/privacy-notice); the current one when omitted; an outdated one is a 400' }),
  ),
});
export type ApplicationBody = Static<typeof ApplicationBody>;

export const ApplicationCreated = Type.Object({ id: Id, status: Type.Literal('pending') });

export const MembershipStatusSchema = Type.Union([Type.Literal('none'), ApplicationStatusSchema]);

export const MyMembership = Type.Object({
  status: MembershipStatusSchema,
  application: Type.Optional(
    Type.Object({
      id: Id,
      status: ApplicationStatusSchema,
      submittedAt: DateTime,
      orgId: Id,
      orgName: Type.String(),
      meetingId: Nullable(Id),
      platform: PlatformSchema,
      occupation: OccupationSchema,
      rejectReason: Type.Optional(Type.String()),
    }),
  ),
  memberNo: Type.Optional(Type.String()),
  memberSince: Type.Optional(DateTime),
});
export type MyMembership = Static<typeof MyMembership>;

export const PrivacyNotice = Type.Object({ version: Type.String(), title: Type.String(), text: Type.String() });

export const DuplicateOfSchema = Type.Object(
  {
    kind: Type.Union([Type.Literal('application'), Type.Literal('member')], {
      description: '`member`: an approved application (a member) holds this ID number; `application`: a pending one does',
    }),
    id: Id,
    memberNo: Type.Optional(Type.String({ description: 'The member number, when kind is member' })),
  },
  {
    description:
      'Present when another open application or a member holds the same ID number (never shown to the applicant). ' +
      'Approving such an application is a 409 CONFLICT unless `confirmDuplicate=true` is sent; bulk approval skips it (failed, CONFLICT); rejecting it works as usual.',
  },
);

export const ApproveQuery = Closed({
  confirmDuplicate: Type.Optional(
    Type.Boolean({ default: false, description: 'true: approve although the ID number is held by another application or member (a deliberate, audited staff decision)' }),
  ),
});
export type ApproveQuery = Static<typeof ApproveQuery>;

/** As staff see an application: ID and phone masked. */
export const ApplicationForReview = Type.Object({
  id: Id,
  status: ApplicationStatusSchema,
  realName: Type.String(),
  phone: Type.String({ description: 'Masked: 138****5678' }),
  idCardNumber: Type.String({ description: 'Masked: 110101********123X' }),
  gender: Type.Union([Type.Literal('male'), Type.Literal('female')]),
  platform: PlatformSchema,
  platformOther: Nullable(Type.String()),
  occupation: OccupationSchema,
  occupationOther: Nullable(Type.String()),
  workArea: Nullable(Type.String()),
  meetingId: Nullable(Id),
  meetingTitle: Nullable(Type.String()),
  orgId: Id,
  orgName: Type.String(),
  submittedAt: DateTime,
  reviewedAt: Nullable(DateTime),
  rejectReason: Nullable(Type.String()),
  memberNo: Nullable(Type.String()),
  duplicateOf: Type.Optional(DuplicateOfSchema),
});
export type ApplicationForReview = Static<typeof ApplicationForReview>;

const ApplicationFilters = {
  status: Type.Optional(ApplicationStatusSchema),
  orgId: Type.Optional(Type.String({ format: 'uuid', description: 'This org and the orgs below it (default: every org the admin administers)' })),
  meetingId: Type.Optional(Id),
  ...DayRangeQuery,
};
export const ApplicationListQuery = Closed(
  { ...ApplicationFilters, ...PageQuery },
  { description: '`from`/`to` filter on the Asia/Shanghai day of submission; newest first' },
);
export type ApplicationListQuery = Static<typeof ApplicationListQuery>;
export const ApplicationPage = Page(ApplicationForReview);

export const ExportQuery = Closed(
  {
    ...ApplicationFilters,
    full: Type.Optional(
      Type.Boolean({ default: false, description: 'true: full ID and mobile numbers and birth dates instead of masked ones (audited as such)' }),
    ),
  },
  { description: 'Same filters as the list, every matching row' },
);
export type ExportQuery = Static<typeof ExportQuery>;

export const ApplicationPii = Type.Object(
  {
    id: Id,
    realName: Type.String(),
    phone: Type.String(),
    idCardNumber: Type.String(),
    birthDate: Day,
    gender: Type.Union([Type.Literal('male'), Type.Literal('female')]),
  },
  { description: 'Unmasked personal data; every read is written to the audit log' },
);

export const MemberNo = Type.String({
  description:
    'e.g. LGQ-2026-000123: the org code, the year of approval (Asia/Shanghai) and a running number per org and year, unique and gap-free; an org without a code uses U + the first 8 hex digits of its id (U3F2A9C1B-2026-000001)',
});
export const ApproveResult = Type.Object({ status: Type.Literal('approved'), memberNo: MemberNo });
export const RejectBody = Closed({ reason: Type.String({ minLength: 1, maxLength: 200 }) });
export const RejectResult = Type.Object({ status: Type.Literal('rejected') });

export const BulkApproveBody = Closed({
  ids: Type.Array(Id, { minItems: 1, maxItems: 100, uniqueItems: true, description: '1–100 distinct application ids' }),
});
export const BulkApproveResult = Type.Object({
  results: Type.Array(
    Type.Object({
      id: Id,
      status: Type.Union([Type.Literal('approved'), Type.Literal('failed')]),
      memberNo: Type.Optional(MemberNo),
      error: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() })),
    }),
    { description: 'One entry per id, in the order given' },
  ),
});

// ---------- statistics ----------

export const StatsQuery = Closed({
  orgId: Type.Optional(Type.String({ format: 'uuid', description: 'This org and the orgs below it (default: every org the admin administers)' })),
  ...DayRangeQuery,
});
export type StatsQuery = Static<typeof StatsQuery>;

export const DailyStats = Type.Object({
  items: Type.Array(
    Type.Object({
      date: Day,
      submitted: Type.Integer({ description: 'Applications submitted that day' }),
      approved: Type.Integer({ description: 'Applications approved that day' }),
      rejected: Type.Integer({ description: 'Applications rejected that day' }),
      byPlatform: Type.Record(Type.String(), Type.Integer(), { description: 'Submitted that day per platform (platforms with none are left out)' }),
    }),
    { description: 'Every day from `from` to `to` (default: the 30 days up to today; at most 366), oldest first' },
  ),
});

export const MeetingFunnel = Type.Object({
  items: Type.Array(
    Type.Object({
      meetingId: Id,
      code: Type.String(),
      title: Type.String(),
      orgId: Id,
      orgName: Type.String(),
      startsAt: DateTime,
      attended: Type.Integer({ description: 'Riders who opened the meeting while signed in (or applied through it)' }),
      applied: Type.Integer({ description: 'Riders who applied through it' }),
      pending: Type.Integer({ description: 'Of those, applications still waiting' }),
      approved: Type.Integer({ description: 'Of those, riders approved' }),
    }),
    { description: 'Meetings starting between `from` and `to` (default: the 90 days up to today; at most 366), latest first' },
  ),
});

// ---------- member card ----------

const MemberFace = {
  memberNo: Type.String({ description: '会员编号' }),
  name: Type.String({ description: 'The member’s name, masked: 王*明' }),
  orgId: Id,
  orgName: Type.String({ description: 'The union (org) the member joined' }),
  memberSince: DateTime,
};

export const MemberCard = Type.Object(
  {
    ...MemberFace,
    code: Type.String({ description: 'Signed verification code `<expiry unix s>.<signature>`, valid 5 minutes' }),
    url: Type.String({ description: 'QR content for staff to scan: `<PUBLIC_BASE_URL>/#/staff/member/index?memberNo=…&memberCode=…`, or that path alone' }),
    expiresAt: DateTime,
  },
  { description: 'The rider’s electronic member card with a short-lived code staff can scan (Cache-Control: no-store)' },
);
export type MemberCard = Static<typeof MemberCard>;

export const VerifyMemberCardBody = Closed({
  memberNo: Type.String({ minLength: 1, maxLength: 64 }),
  code: Type.String({ minLength: 1, maxLength: 128 }),
});
export type VerifyMemberCardBody = Static<typeof VerifyMemberCardBody>;

export const MemberCardVerification = Type.Object({ valid: Type.Literal(true), ...MemberFace, checkedAt: DateTime });
export type MemberCardVerification = Static<typeof MemberCardVerification>;
