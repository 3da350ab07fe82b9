import { sql } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import { stations, type Db } from '@xfqs/db';
import {
  isContactPhone,
  parseHoursText,
  SERVICE,
  SERVICE_KEYS,
  STATION_KIND,
  STATION_KINDS,
  type ServiceKey,
  type StationKind,
} from '@xfqs/domain';
import { audit } from '../../audit';
import { ApiError, badRequest, fieldError } from '../../errors';
import type { Principal } from '../auth/principal';
import { requireOrg } from '../orgs/service';
import type { ImportResult } from './schemas';
import { stationValues, type StationInput } from './service';

/** The contract's header row (any column order). */
export const IMPORT_COLUMNS = ['externalCode', 'name', 'kind', 'address', 'lat', 'lng', 'phone', 'services', 'hours'] as const;
type Column = (typeof IMPORT_COLUMNS)[number];

/** Rows written per INSERT … ON CONFLICT statement (well below the 65,535 bind parameters). */
const UPSERT_CHUNK = 500;
const NUMBER = /^-?\d+(\.\d+)?$/;
const excluded = (column: string) => sql.raw(`excluded."${column}"`);

// Keys or their Chinese labels (工会驿站, 热水 …), as people type them in Excel.
const kindByName = new Map<string, StationKind>(STATION_KINDS.flatMap((k) => [[k, k], [STATION_KIND.labels[k], k]] as Array<[string, StationKind]>));
const serviceByName = new Map<string, ServiceKey>(SERVICE_KEYS.flatMap((k) => [[k, k], [SERVICE.labels[k], k]] as Array<[string, ServiceKey]>));

interface ParsedRow {
  line: number;
  fields: string[];
}

/** Decodes UTF-8 (a BOM is dropped); anything else, e.g. GBK from an old Excel, is a clear 400. */
function decodeUtf8(body: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw fieldError('body', '文件不是 UTF-8 编码：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”');
  }
}

/**
 * Records with the line each starts on (the header is line 1). A quoted field may span lines.
 * Malformed quoting makes the rest of the file unreadable, so it ends the parse with one error
 * at its line; the records before it are kept.
 */
function readRecords(text: string, maxRecords: number): { records: ParsedRow[]; fatal?: { line: number; message: string } } {
  const records: ParsedRow[] = [];
  try {
    parse(text, {
      // one record past the cap is enough to know the file is too big; the rest is never parsed
      to: maxRecords + 1,
      bom: true,
      trim: true,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      raw: true,
      on_record: (rec: { record: string[]; raw: string; info: { lines: number } }) => {
        const body = rec.raw.replace(/^(\r\n|\r|\n)+/, '').replace(/(\r\n|\r|\n)$/, '');
        const breaks = body.match(/\r\n|\r|\n/g)?.length ?? 0;
        records.push({ line: rec.info.lines - breaks, fields: rec.record });
        return null;
      },
    } as never);
  } catch (err) {
    const line = Number((err as { lines?: number }).lines) || (records.at(-1)?.line ?? 0) + 1;
    return { records, fatal: { line, message: `CSV 格式错误（引号不成对等），本行及之后的内容未导入：${(err as Error).message}` } };
  }
  return { records };
}

function columnIndexes(header: string[]): Record<Column, number> {
  const names = header.map((h) => h.trim());
  const missing = IMPORT_COLUMNS.filter((c) => !names.includes(c));
  const unknown = names.filter((n) => !(IMPORT_COLUMNS as readonly string[]).includes(n));
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  const problems = [
    ...missing.map((c) => ({ field: 'header', message: `缺少列 ${c}` })),
    ...unknown.map((c) => ({ field: 'header', message: `未知的列“${c}”` })),
    ...repeated.map((c) => ({ field: 'header', message: `重复的列 ${c}` })),
  ];
  if (problems.length) throw badRequest(problems, `表头应为 ${IMPORT_COLUMNS.join(',')}`);
  return Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, names.indexOf(c)])) as Record<Column, number>;
}

/** One CSV row → the station fields, or the list of what is wrong with it. */
function rowToInput(fields: string[], at: Record<Column, number>): { input: StationInput & { externalCode: string } } | { problems: string[] } {
  const problems: string[] = [];
  const get = (c: Column) => (fields[at[c]] ?? '').trim();
  if (fields.length !== IMPORT_COLUMNS.length) return { problems: [`应有 ${IMPORT_COLUMNS.length} 列，实际 ${fields.length} 列`] };

  const externalCode = get('externalCode');
  if (!externalCode) problems.push('externalCode 必填（导入按它更新已有驿站）');
  else if (externalCode.length > 64) problems.push('externalCode 最长 64 个字符');
  const name = get('name');
  if (!name) problems.push('name 必填');
  else if (name.length > 100) problems.push('name 最长 100 个字符');
  const address = get('address');
  if (!address) problems.push('address 必填');
  else if (address.length > 200) problems.push('address 最长 200 个字符');
  const kind = kindByName.get(get('kind'));
  if (!kind) problems.push(`kind 应为 ${STATION_KINDS.join('/')} 之一，而不是“${get('kind')}”`);
  const coordinate = (c: 'lat' | 'lng', limit: number) => {
    const text = get(c);
    const value = Number(text);
    if (!NUMBER.test(text) || Math.abs(value) > limit) {
      problems.push(`${c} 应为 -${limit} 到 ${limit} 之间的数字，而不是“${text}”`);
      return undefined;
    }
    return value;
  };
  const lat = coordinate('lat', 90);
  const lng = coordinate('lng', 180);
  const phone = get('phone') || null;
  if (phone && !isContactPhone(phone)) problems.push(`phone“${phone}”应为手机号或带区号的固定电话（如 010-63812345）`);
  const services: ServiceKey[] = [];
  for (const part of get('services').split(/[|｜]/).map((s) => s.trim()).filter(Boolean)) {
    const key = serviceByName.get(part);
    if (!key) problems.push(`services 中未知的服务项目“${part}”`);
    else if (!services.includes(key)) services.push(key);
  }
  const hours = parseHoursText(get('hours'));
  if ('error' in hours) problems.push(`hours：${hours.error}`);

  if (problems.length) return { problems };
  return {
    input: { externalCode, name, address, kind: kind!, lat: lat!, lng: lng!, phone, services, hours: (hours as { hours: StationInput['hours'] }).hours },
  };
}

/**
 * Imports stations from CSV into one org: rows upsert by `externalCode` within that org, all in
 * one transaction; each bad row is reported with its line and the good rows are written.
 * A station's `status` is not in the file: new rows are active, updated rows keep theirs.
 */
export async function importStations(db: Db, principal: Principal, orgIdParam: string | undefined, body: Buffer, now: Date, maxRows: number): Promise<ImportResult> {
  const orgId = orgIdParam ?? (await principal.defaultOrgId());
  if (!orgId) throw fieldError('orgId', '请用 ?orgId= 指定导入到哪个组织');
  await principal.assertOrgAdmin(orgId);
  await requireOrg(db, orgId);

  const { records, fatal } = readRecords(decodeUtf8(body), maxRows + 1);
  if (records.length === 0) throw fieldError('body', fatal?.message ?? '文件为空：第一行应为表头');
  if (records.length > maxRows + 1) throw new ApiError('PAYLOAD_TOO_LARGE', `一次最多导入 ${maxRows} 行，请分批导入`);
  const [header, ...rows] = records;
  const at = columnIndexes(header.fields);

  const errors: ImportResult['errors'] = [];
  const firstLineOf = new Map<string, number>();
  const good: Array<StationInput & { externalCode: string }> = [];
  for (const row of rows) {
    const result = rowToInput(row.fields, at);
    if ('problems' in result) {
      errors.push({ line: row.line, message: result.problems.join('；') });
      continue;
    }
    const seen = firstLineOf.get(result.input.externalCode);
    if (seen !== undefined) {
      errors.push({ line: row.line, message: `externalCode ${result.input.externalCode} 与第 ${seen} 行重复，本行未导入` });
      continue;
    }
    firstLineOf.set(result.input.externalCode, row.line);
    good.push(result.input);
  }
  if (fatal) errors.push(fatal);

  let created = 0;
  let updated = 0;
  await db.transaction(async (tx) => {
    for (let i = 0; i < good.length; i += UPSERT_CHUNK) {
      const values = good.slice(i, i + UPSERT_CHUNK).map((input) => ({
        ...(stationValues(input) as typeof stations.$inferInsert),
        orgId,
        createdAt: now,
        updatedAt: now,
      }));
      const written = await tx
        .insert(stations)
        .values(values)
        .onConflictDoUpdate({
          target: [stations.orgId, stations.externalCode],
          set: {
            name: excluded('name'),
            kind: excluded('kind'),
            address: excluded('address'),
            lat: excluded('lat'),
            lng: excluded('lng'),
            phone: excluded('phone'),
            hours: excluded('hours'),
            services: excluded('services'),
            updatedAt: excluded('updated_at'),
          },
        })
        .returning({ inserted: sql<boolean>`(xmax = 0)` });
      for (const w of written) w.inserted ? created++ : updated++;
    }
    await audit(tx, {
      actorId: principal.userId,
      action: 'station.import',
      targetType: 'org',
      targetId: orgId,
      details: { created, updated, errors: errors.length },
    });
  });
  errors.sort((a, b) => a.line - b.line);
  return { created, updated, errors };
}
