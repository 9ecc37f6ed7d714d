import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntityKind } from '@quorum/contracts';
import { AuditService } from '@quorum/api/audit';
import type { Principal, RequestMeta } from '@quorum/api/auth';
import { nulPaths, validationFailed } from '@quorum/api/errors';
import { OutboxService } from '@quorum/api/queue';
import { DataSource, EntityManager } from 'typeorm';
import { BodsRecordType, exportBods, interpretBodsStatements, parseBodsInput } from './bods';
import type { BodsIssue, BodsPartyOperation, BodsRelationshipOperation, BodsStatementOut } from './bods';
import { resolvePartyKey } from './bods/party-key';
import { actorOf } from './registry.service';

export interface BodsImportResult {
  imported: number;
  skipped: number;
  errors: BodsIssue[];
  warnings: BodsIssue[];
  entitiesCreated: number;
  interestsRecorded: number;
}

function statementIdOf(statement: unknown): string | null {
  const id = (statement as { statementId?: unknown } | null)?.statementId;
  return typeof id === 'string' ? id : null;
}

/**
 * Applies a BODS 0.4 document to the registry: entities resolved by record id, then by identifier
 * (the same company under two record ids is one node); a relationship statement replaces the
 * interests of its record (the old ones are superseded, not deleted). Statements already imported
 * are skipped, bad ones reported by index, the rest applied in one transaction.
 */
@Injectable()
export class BodsImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  async import(principal: Principal, text: string, ctx: RequestMeta): Promise<BodsImportResult> {
    const parsed = parseBodsInput(text);
    // Postgres stores no U+0000: a statement holding one is reported like any other bad statement.
    const clean = parsed.statements.map((statement) => nulPaths(statement, '').length === 0);
    if (clean.includes(false)) {
      parsed.errors.push(...parsed.indexes.filter((_, i) => !clean[i]).map((index) => ({ index, message: 'the statement contains a NUL (\\u0000) character, which cannot be stored' })));
      parsed.indexes = parsed.indexes.filter((_, i) => clean[i]);
      parsed.statements = parsed.statements.filter((_, i) => clean[i]);
    }
    if (parsed.format === 'empty' || (parsed.statements.length === 0 && parsed.errors.length)) {
      throw validationFailed(parsed.errors.map((e) => ({ path: e.index < 0 ? 'body' : `[${e.index}]`, message: e.message })), 'The body is not a BODS 0.4 JSON array or JSON Lines document');
    }
    const ids = parsed.statements.map(statementIdOf).filter((id): id is string => id !== null);
    const seen = new Set<string>(
      ids.length ? (await this.dataSource.query('SELECT statement_id FROM bods_statements WHERE statement_id = ANY($1::text[])', [ids])).map((r: { statement_id: string }) => r.statement_id) : [],
    );
    const fresh: unknown[] = [];
    const indexes: number[] = [];
    parsed.statements.forEach((statement, i) => {
      const id = statementIdOf(statement);
      if (id && seen.has(id)) return;
      fresh.push(statement);
      indexes.push(parsed.indexes[i]);
    });
    const skipped = parsed.statements.length - fresh.length;
    const knownRecords = new Map<string, BodsRecordType>(
      (await this.dataSource.query('SELECT record_id, record_type FROM bods_records')).map((r: { record_id: string; record_type: BodsRecordType }) => [r.record_id, r.record_type]),
    );
    const plan = interpretBodsStatements(fresh, { indexes, knownRecords });
    const errors = [...parsed.errors, ...plan.errors];
    const warnings = [...plan.warnings];
    const rawByIndex = new Map<number, unknown>(indexes.map((index, i) => [index, fresh[i]]));

    let entitiesCreated = 0;
    let interestsRecorded = 0;
    const touched = new Set<string>();
    if (plan.operations.length) {
      const outboxId = await this.dataSource.transaction(async (manager) => {
        const entityByRecord = new Map<string, string>(
          (await manager.query('SELECT record_id, entity_id FROM bods_records WHERE entity_id IS NOT NULL')).map((r: { record_id: string; entity_id: string }) => [r.record_id, r.entity_id]),
        );
        for (const op of plan.operations) {
          if (op.op === 'upsertParty') {
            const { entityId, created } = await this.applyParty(manager, op, entityByRecord);
            entityByRecord.set(op.recordId, entityId);
            if (created) entitiesCreated += 1;
            touched.add(entityId);
          } else {
            const applied = await this.applyRelationship(manager, principal, op, entityByRecord);
            if (applied === null) {
              warnings.push({ index: op.index, message: 'relationship with an unspecified interested party: recorded as a statement, no interest created' });
            } else {
              interestsRecorded += applied.recorded;
              applied.entityIds.forEach((id) => touched.add(id));
            }
          }
          await manager.query(
            `INSERT INTO bods_statements (statement_id, record_id, record_type, record_status, statement_date, raw, imported_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (statement_id) DO NOTHING`,
            [op.statementId, op.recordId, op.op === 'upsertParty' ? op.recordType : 'relationship', op.recordStatus, op.statementDate.slice(0, 10), JSON.stringify(rawByIndex.get(op.index) ?? {}), principal.userId],
          );
        }
        const event = await this.audit.append(manager, {
          actor: actorOf(principal, ctx),
          type: 'bods.imported',
          subject: 'registry',
          data: { statements: plan.operations.length, skipped, rejected: errors.length, entitiesCreated, interestsRecorded, statementIds: plan.operations.map((o) => o.statementId).slice(0, 500) },
        });
        return this.outbox.add(manager, 'registry.changed', { reason: 'bods.imported', entityIds: [...touched].slice(0, 1000), auditSeq: event.seq });
      });
      await this.outbox.publish([outboxId]);
    }
    return { imported: plan.operations.length, skipped, errors, warnings, entitiesCreated, interestsRecorded };
  }

  private async applyParty(manager: EntityManager, op: BodsPartyOperation, entityByRecord: Map<string, string>): Promise<{ entityId: string; created: boolean }> {
    const keys = resolvePartyKey({ identifiers: op.identifiers });
    let entityId = entityByRecord.get(op.recordId) ?? null;
    if (!entityId && keys.length) {
      const [match] = await manager.query('SELECT id FROM entities WHERE identifier_keys && $1::text[] ORDER BY created_at LIMIT 1', [keys]);
      entityId = match?.id ?? null;
    }
    let created = false;
    if (entityId) {
      // Statements are full state: the latest name wins; identifiers accumulate (never lose a key).
      await manager.query(
        `UPDATE entities SET name = CASE WHEN org_id IS NULL THEN $2 ELSE name END,
                identifiers = (SELECT coalesce(jsonb_agg(DISTINCT x), '[]'::jsonb) FROM jsonb_array_elements(identifiers || $3::jsonb) x),
                identifier_keys = ARRAY(SELECT DISTINCT unnest(identifier_keys || $4::text[]))
          WHERE id = $1`,
        [entityId, op.name, JSON.stringify(op.identifiers), keys],
      );
    } else {
      const [row] = await manager.query(
        'INSERT INTO entities (name, kind, identifiers, identifier_keys) VALUES ($1, $2, $3, $4) RETURNING id',
        [op.name, op.kind satisfies EntityKind, JSON.stringify(op.identifiers), keys],
      );
      entityId = row.id as string;
      created = true;
    }
    await manager.query(
      `INSERT INTO bods_records (record_id, record_type, entity_id, closed, last_statement_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (record_id) DO UPDATE SET entity_id = EXCLUDED.entity_id, closed = EXCLUDED.closed, last_statement_id = EXCLUDED.last_statement_id, updated_at = now()`,
      [op.recordId, op.recordType, entityId, op.closed, op.statementId],
    );
    return { entityId, created };
  }

  private async applyRelationship(
    manager: EntityManager,
    principal: Principal,
    op: BodsRelationshipOperation,
    entityByRecord: Map<string, string>,
  ): Promise<{ recorded: number; entityIds: string[] } | null> {
    await manager.query(
      `INSERT INTO bods_records (record_id, record_type, closed, last_statement_id) VALUES ($1, 'relationship', $2, $3)
       ON CONFLICT (record_id) DO UPDATE SET closed = EXCLUDED.closed, last_statement_id = EXCLUDED.last_statement_id, updated_at = now()`,
      [op.recordId, op.closed, op.statementId],
    );
    const subjectId = entityByRecord.get(op.subjectRecordId);
    const partyId = op.interestedPartyRecordId ? entityByRecord.get(op.interestedPartyRecordId) : undefined;
    // The previous state of this record is superseded; where it had no end it ends when this statement was made.
    await manager.query(
      `UPDATE interests SET superseded_at = now(),
              end_date = CASE WHEN end_date IS NULL THEN greatest($2::date, coalesce(start_date, $2::date)) ELSE end_date END
        WHERE bods_record_id = $1 AND superseded_at IS NULL`,
      [op.recordId, op.statementDate.slice(0, 10)],
    );
    if (!subjectId || !partyId) return null;
    let recorded = 0;
    for (const interest of op.interests) {
      await manager.query(
        `INSERT INTO interests (interested_party_id, subject_id, type, share, direct_or_indirect, start_date, end_date, details, source, recorded_by, bods_record_id, bods_statement_id, ended_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, CASE WHEN $7::date IS NULL THEN NULL ELSE now() END)`,
        [
          partyId,
          subjectId,
          interest.type,
          interest.share ? JSON.stringify(interest.share) : null,
          interest.directOrIndirect,
          interest.startDate?.slice(0, 10) ?? null,
          interest.endDate?.slice(0, 10) ?? null,
          interest.details,
          JSON.stringify({ description: `BODS statement ${op.statementId}` }),
          principal.userId,
          op.recordId,
          op.statementId,
        ],
      );
      recorded += 1;
    }
    return { recorded, entityIds: [subjectId, partyId] };
  }

  /** The registry in force today as BODS 0.4 statements. */
  async export(publisher: string): Promise<BodsStatementOut[]> {
    const parties = await this.dataSource.query(
      `SELECT e.id, e.kind, e.name, e.identifiers, (SELECT r.record_id FROM bods_records r WHERE r.entity_id = e.id ORDER BY r.updated_at LIMIT 1) AS "recordId"
         FROM entities e`,
    );
    const interests = await this.dataSource.query(
      `SELECT id, bods_record_id AS "recordId", interested_party_id AS "interestedPartyId", subject_id AS "subjectId", type, share,
              direct_or_indirect AS "directOrIndirect", to_char(start_date, 'YYYY-MM-DD') AS "startDate", to_char(end_date, 'YYYY-MM-DD') AS "endDate", details, source
         FROM interests WHERE superseded_at IS NULL ORDER BY created_at`,
    );
    const used = new Set<string>(interests.flatMap((i: { interestedPartyId: string; subjectId: string }) => [i.interestedPartyId, i.subjectId]));
    return exportBods({
      parties: parties
        .filter((p: { id: string }) => used.has(p.id))
        .map((p: { id: string; kind: EntityKind; name: string; identifiers: { scheme: string; id: string }[]; recordId: string | null }) => ({ ...p, recordId: p.recordId ?? undefined })),
      interests: interests.map((i: Record<string, unknown>) => ({ ...i, recordId: i['recordId'] ?? undefined })),
      publisher,
      publicationDate: new Date().toISOString().slice(0, 10),
    });
  }
}

