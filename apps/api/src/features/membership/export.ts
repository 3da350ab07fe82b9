import { desc } from 'drizzle-orm';
import { stringify } from 'csv-stringify/sync';
import { membershipApplications as apps, type Db } from '@xfqs/db';
import { maskIdCard, maskPhone, OCCUPATION, PLATFORM, shanghaiDateTime, shanghaiDay } from '@xfqs/domain';
import { audit } from '../../audit';
import { ApiError } from '../../errors';
import type { PiiCipher } from '../../pii';
import type { Principal } from '../auth/principal';
import { applicationFilters, openPii, selectForReview, type ReviewRow } from './applications';
import { describeDuplicate, findDuplicates } from './duplicates';
import type { ExportQuery } from './schemas';

const STATUS_LABELS = { pending: '待审核', approved: '已通过', rejected: '未通过' } as const;
const GENDER_LABELS = { male: '男', female: '女' } as const;

type Column = { header: string; value: (row: ReviewRow, pii: { realName: string; phone: string; idCardNumber: string }) => string | null };

const COLUMNS: Column[] = [
  { header: '申请编号', value: (r) => r.id },
  { header: '状态', value: (r) => STATUS_LABELS[r.status] },
  { header: '姓名', value: (_r, p) => p.realName },
  { header: '手机号', value: (_r, p) => p.phone },
  { header: '身份证号', value: (_r, p) => p.idCardNumber },
  { header: '性别', value: (r) => GENDER_LABELS[r.gender] },
  { header: '从业平台', value: (r) => PLATFORM.labels[r.platform] },
  { header: '其他平台', value: (r) => r.platformOther },
  { header: '职业', value: (r) => OCCUPATION.labels[r.occupation] },
  { header: '其他职业', value: (r) => r.occupationOther },
  { header: '工作区域', value: (r) => r.workArea },
  { header: '所属工会', value: (r) => r.orgName },
  { header: '沟通会', value: (r) => r.meetingTitle },
  { header: '提交时间', value: (r) => shanghaiDateTime(r.submittedAt, { seconds: true }) },
  { header: '审核时间', value: (r) => (r.reviewedAt ? shanghaiDateTime(r.reviewedAt, { seconds: true }) : null) },
  { header: '会员编号', value: (r) => r.memberNo },
  { header: '驳回原因', value: (r) => r.rejectReason },
];
/** The last column: another open application or a member holding the same ID number (`duplicateOf`). */
const DUPLICATE_HEADER = '身份证号重复';
const BIRTH_DATE: Column = { header: '出生日期', value: (r) => r.birthDate };

/**
 * The filtered application list as CSV for Excel: UTF-8 with a BOM, Chinese headers, times in
 * Asia/Shanghai, cells that start like a formula escaped. ID and mobile numbers are masked unless
 * `full` is asked for (which adds the birth date). Every export is audited with its filters and
 * row count, never the data; the audit row is written before the file leaves.
 */
export async function exportApplications(db: Db, cipher: PiiCipher, principal: Principal, query: ExportQuery, now: Date, maxRows: number) {
  const full = query.full === true;
  const rows = await selectForReview(db)
    .where(await applicationFilters(db, principal, query))
    .orderBy(desc(apps.submittedAt), desc(apps.id))
    .limit(maxRows + 1);
  if (rows.length > maxRows) throw new ApiError('RULE_VIOLATION', `导出最多 ${maxRows} 条，请按状态、沟通会或日期缩小范围后再导出`);
  const columns = full ? [...COLUMNS.slice(0, 6), BIRTH_DATE, ...COLUMNS.slice(6)] : COLUMNS;
  const opened = rows.map((row) => ({ row, pii: openPii(cipher, row) }));
  const duplicates = await findDuplicates(db, cipher, opened.map(({ row, pii }) => ({ id: row.id, idCardNumber: pii.idCardNumber })));
  const records = opened.map(({ row, pii }) => {
    const shown = full ? pii : { ...pii, phone: maskPhone(pii.phone), idCardNumber: maskIdCard(pii.idCardNumber) };
    const duplicate = duplicates.get(row.id);
    return [...columns.map((c) => c.value(row, shown) ?? ''), duplicate ? describeDuplicate(duplicate) : ''];
  });
  await audit(db, {
    actorId: principal.userId,
    action: full ? 'membership.applications.export_full' : 'membership.applications.export',
    targetType: 'membership_application',
    details: { filters: { ...query, full }, rowCount: rows.length },
  });
  const csv = stringify([[...columns.map((c) => c.header), DUPLICATE_HEADER], ...records], { bom: true, record_delimiter: 'windows', escape_formulas: true });
  const day = shanghaiDay(now).replace(/-/g, '');
  return { csv, rowCount: rows.length, filename: `membership-applications-${day}.csv`, displayName: `入会申请-${day}.csv` };
}
