import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, primaryKey, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { OCCUPATIONS, PLATFORMS, type Occupation, type Platform } from '@xfqs/domain';
import { createdAt, id, instant } from './_columns';
import { orgs } from './orgs';
import { users } from './users';

const userRef = () => uuid('user_id').notNull().references(() => users.id);
const orgRef = () => uuid('org_id').notNull().references(() => orgs.id);
const meetingRef = () => uuid('meeting_id').references(() => meetings.id);
const actorRef = (name: string) => uuid(name).references(() => users.id);

/**
 * Outreach meetings (职工沟通会). `code` is the short public code (8 characters of Crockford
 * base32) that the printed QR carries, because a mini-program `scene` holds at most 32 characters.
 */
export const meetings = pgTable(
  'meetings',
  {
    id: id(),
    orgId: orgRef(),
    code: text('code').notNull().unique(),
    title: text('title').notNull(),
    startsAt: instant('starts_at').notNull(),
    endsAt: instant('ends_at').notNull(),
    location: text('location'),
    host: text('host'),
    createdBy: actorRef('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('meetings_org_starts_idx').on(t.orgId, t.startsAt), check('meetings_window_check', sql`${t.endsAt} > ${t.startsAt}`)],
);

/** A rider opened the meeting page while signed in: once per rider and meeting. */
export const meetingAttendance = pgTable(
  'meeting_attendance',
  {
    id: id(),
    meetingId: meetingRef().notNull(),
    userId: userRef(),
    at: instant('at').notNull(),
  },
  (t) => [unique('meeting_attendance_once').on(t.meetingId, t.userId)],
);

export const APPLICATION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/**
 * Membership applications. Personal data is held only encrypted (`*_enc`: AES-256-GCM envelopes
 * `v1.<keyId>.<iv>.<tag>.<ciphertext>`, so keys can rotate) plus keyed hashes (`*_hash`:
 * `<keyId>.<HMAC-SHA256>` of the normalised value) for duplicate detection. "Open" means pending
 * or approved: one open application per rider, enforced by a partial unique index; a rejected
 * rider may apply again. An ID number already held by another open application is accepted (the
 * applicant must not learn that it is taken) and shown to staff as a duplicate to decide on.
 */
export const membershipApplications = pgTable(
  'membership_applications',
  {
    id: id(),
    userId: userRef(),
    orgId: orgRef(),
    meetingId: meetingRef(),
    status: text('status', { enum: APPLICATION_STATUSES }).notNull().default('pending'),
    realNameEnc: text('real_name_enc').notNull(),
    idCardEnc: text('id_card_enc').notNull(),
    idCardHash: text('id_card_hash').notNull(),
    phoneEnc: text('phone_enc').notNull(),
    phoneHash: text('phone_hash').notNull(),
    /** Derived from the ID number. */
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    gender: text('gender', { enum: ['male', 'female'] }).notNull(),
    platform: text('platform', { enum: PLATFORMS as [Platform, ...Platform[]] }).notNull(),
    platformOther: text('platform_other'),
    occupation: text('occupation', { enum: OCCUPATIONS as [Occupation, ...Occupation[]] }).notNull(),
    occupationOther: text('occupation_other'),
    workArea: text('work_area'),
    /** The version of the privacy notice the rider agreed to, and when. */
    privacyNoticeVersion: text('privacy_notice_version').notNull(),
    consentAt: instant('consent_at').notNull(),
    submittedAt: instant('submitted_at').notNull(),
    reviewedAt: instant('reviewed_at'),
    reviewedBy: actorRef('reviewed_by'),
    rejectReason: text('reject_reason'),
    memberNo: text('member_no').unique(),
  },
  (t) => [
    index('membership_applications_id_card_hash_idx').on(t.idCardHash),
    uniqueIndex('membership_applications_open_user').on(t.userId).where(sql`${t.status} in ('pending', 'approved')`),
    index('membership_applications_org_submitted_idx').on(t.orgId, t.submittedAt),
    index('membership_applications_org_reviewed_idx').on(t.orgId, t.reviewedAt),
    index('membership_applications_meeting_idx').on(t.meetingId),
    index('membership_applications_user_idx').on(t.userId, t.submittedAt),
    index('membership_applications_phone_hash_idx').on(t.phoneHash),
    check('membership_applications_approved_has_no', sql`(${t.status} = 'approved') = (${t.memberNo} is not null)`),
  ],
);

/**
 * The last member number handed out per org and year. Approval increments it with
 * `INSERT … ON CONFLICT DO UPDATE … RETURNING` inside the approval transaction, so numbers are
 * unique and gap-free: the row lock serialises concurrent approvals and a rollback takes the
 * number back.
 */
export const memberNumberCounters = pgTable(
  'member_number_counters',
  {
    orgId: orgRef(),
    year: integer('year').notNull(),
    lastValue: integer('last_value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.year] })],
);
