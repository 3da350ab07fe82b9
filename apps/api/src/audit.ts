import { auditLog, type DbOrTx } from '@xfqs/db';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  /** Context such as filters or counts; never the personal data itself. */
  details?: Record<string, unknown>;
}

/** Writes one audit row; call it inside the transaction of the action it records. */
export async function audit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    details: entry.details ?? null,
  });
}
