import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ImportReport } from '@quorum/contracts';
import { AuditService } from '@quorum/api/audit';
import type { Principal, RequestMeta } from '@quorum/api/auth';
import { conflict, DomainError, ErrorCode, forbidden, validationFailed } from '@quorum/api/errors';
import { OutboxService } from '@quorum/api/queue';
import { actorOf } from '@quorum/api/registry';
import { parse as parseCsv } from 'csv-parse';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { DataSource, QueryRunner } from 'typeorm';
import { JobsService } from './jobs.service';
import { createTaskValidator, formatProblems, TaskValidator } from './task-types';

/** Limits of one upload. Past them the request is refused (413) and nothing is kept. */
export const MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;
export const MAX_LINE_BYTES = 1024 * 1024;
const BATCH = 1000;
/** Every bad line is counted; the first this many are listed. */
const MAX_REPORTED_ERRORS = 10_000;
const UPLOADABLE = ['draft', 'published', 'in_progress', 'paused'];

export type UploadFormat = 'jsonl' | 'csv';

interface Line {
  line: number;
  externalId: string | null;
  data: unknown;
  answer: unknown;
}

const tooLarge = (detail: string) => new DomainError(ErrorCode.PayloadTooLarge, detail);

/** Splits a byte stream into lines without holding more than one line, refusing over-long ones. */
async function* linesOf(stream: Readable): AsyncGenerator<{ line: number; text: string }> {
  let carry = '';
  let bytes = 0;
  let line = 0;
  // A multi-byte character may straddle two chunks.
  const decoder = new StringDecoder('utf8');
  for await (const chunk of stream) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
    bytes += Buffer.byteLength(text);
    if (bytes > MAX_UPLOAD_BYTES) throw tooLarge(`The upload is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);
    carry += text;
    // Walk the buffer with an index; slicing after every line would copy the rest each time.
    let start = 0;
    let at: number;
    while ((at = carry.indexOf('\n', start)) >= 0) {
      line += 1;
      const current = carry.slice(start, at).replace(/\r$/, '');
      start = at + 1;
      if (Buffer.byteLength(current) > MAX_LINE_BYTES) throw tooLarge(`Line ${line} is longer than ${MAX_LINE_BYTES / 1024 / 1024} MB`);
      yield { line, text: current };
    }
    carry = carry.slice(start);
    if (carry.length > MAX_LINE_BYTES) throw tooLarge(`Line ${line + 1} is longer than ${MAX_LINE_BYTES / 1024 / 1024} MB`);
  }
  if (carry.trim()) yield { line: line + 1, text: carry.replace(/\r$/, '') };
}

/** A CSV cell that holds JSON (an array of responses, an answer object) is read as JSON. */
function cellValue(column: string, raw: string): unknown {
  const trimmed = raw.trim();
  if ((trimmed.startsWith('[') && trimmed.endsWith(']')) || (trimmed.startsWith('{') && trimmed.endsWith('}'))) {
    try {
      return JSON.parse(trimmed);
    } catch {
      return raw;
    }
  }
  if ((column === 'width' || column === 'height') && /^\d+$/.test(trimmed)) return Number(trimmed);
  return raw;
}

@Injectable()
export class ItemImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobsService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * Streams JSON Lines or CSV into the job's items: each line validated against the task type,
   * bad lines reported by number, duplicates of an externalId (in the file or already in the job)
   * reported and not inserted, the good ones inserted in batches, all in one transaction, so an
   * upload that is refused (413) or fails leaves nothing behind.
   */
  async import(principal: Principal, jobId: string, body: unknown, format: UploadFormat, gold: boolean, ctx: RequestMeta): Promise<ImportReport> {
    if (principal.orgKind !== 'lab') throw forbidden('Only the lab that owns the job can upload items');
    if (!(body instanceof Readable)) throw new DomainError(ErrorCode.UnsupportedMediaType, 'Send items as application/x-ndjson (JSON Lines) or text/csv');
    const job = await this.jobs.jobFor(principal, jobId);
    if (!UPLOADABLE.includes(job.status)) throw conflict(`Items cannot be added to a ${job.status} job`);

    const errors: { line: number; message: string }[] = [];
    let rejected = 0;
    let accepted = 0;
    const reject = (line: number, message: string) => {
      rejected += 1;
      if (errors.length < MAX_REPORTED_ERRORS) errors.push({ line, message });
    };
    const seen = new Set<string>();
    // The job's schema is checked once; each line is then checked against it.
    const created = createTaskValidator(job.taskType, job.schema);
    if (!created.ok) throw validationFailed([...created.errors], 'The job schema is invalid');
    const validator = created.validator;
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      let batch: Line[] = [];
      const flush = async () => {
        if (!batch.length) return;
        accepted += await this.insertBatch(runner, jobId, batch, gold, reject);
        batch = [];
      };
      for await (const candidate of format === 'csv' ? this.csvLines(body, reject) : this.jsonLines(body, reject)) {
        const problem = this.check(validator, candidate, gold, seen);
        if (problem) {
          reject(candidate.line, problem);
          continue;
        }
        batch.push(candidate);
        if (batch.length >= BATCH) await flush();
      }
      await flush();
      if (accepted === 0) {
        await runner.rollbackTransaction();
        throw validationFailed(
          errors.map((e) => ({ path: `line ${e.line}`, line: e.line, message: e.message })),
          rejected ? `None of the ${rejected} lines could be imported` : 'The upload holds no items',
        );
      }
      await this.audit.append(runner.manager, { actor: actorOf(principal, ctx), type: gold ? 'job.gold_imported' : 'job.items_imported', subject: `job:${jobId}`, data: { format, accepted, rejected } });
      const outboxIds = !gold && job.status !== 'draft' ? [await this.outbox.add(runner.manager, 'routing.route', { jobId, reason: 'items-added' })] : [];
      await runner.commitTransaction();
      await this.outbox.publish(outboxIds);
      return { accepted, rejected, errors };
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      body.destroy();
      throw error;
    } finally {
      await runner.release();
    }
  }

  private check(validator: TaskValidator, candidate: Line, gold: boolean, seen: Set<string>): string | null {
    if (candidate.externalId !== null) {
      if (seen.has(candidate.externalId)) return `duplicate externalId "${candidate.externalId}" (already earlier in this file)`;
      seen.add(candidate.externalId);
    }
    const data = validator.validateItemData(candidate.data);
    if (!data.ok) return formatProblems(data.errors);
    if (gold) {
      if (candidate.answer === undefined) return 'a gold line needs an "answer"';
      const answer = validator.validateAnswer(candidate.data, candidate.answer);
      if (!answer.ok) return formatProblems(answer.errors);
    } else if (candidate.answer !== undefined) {
      return '"answer" belongs in gold uploads (POST /jobs/{id}/gold), not items';
    }
    return null;
  }

  private async *jsonLines(stream: Readable, reject: (line: number, message: string) => void): AsyncGenerator<Line> {
    for await (const { line, text } of linesOf(stream)) {
      if (!text.trim()) continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        reject(line, `not valid JSON: ${(error as Error).message}`);
        continue;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        reject(line, 'each line must be an object like {"externalId": "...", "data": {...}}');
        continue;
      }
      const { externalId, data, answer, ...rest } = value as Record<string, unknown>;
      const extra = Object.keys(rest);
      if (extra.length) {
        reject(line, `unknown field${extra.length > 1 ? 's' : ''} ${extra.map((k) => `"${k}"`).join(', ')} (expected externalId, data${answer !== undefined ? ', answer' : ''})`);
        continue;
      }
      if (externalId !== undefined && (typeof externalId !== 'string' || !externalId.trim() || externalId.length > 200)) {
        reject(line, 'externalId must be a non-empty string of at most 200 characters');
        continue;
      }
      yield { line, externalId: (externalId as string | undefined) ?? null, data, answer };
    }
  }

  private async *csvLines(stream: Readable, reject: (line: number, message: string) => void): AsyncGenerator<Line> {
    const parser = stream.pipe(
      parseCsv({ columns: true, bom: true, skip_empty_lines: true, relax_quotes: false, max_record_size: MAX_LINE_BYTES, info: true, skip_records_with_error: true }),
    );
    parser.on('skip', (error: { lines?: number; message: string }) => reject(error.lines ?? 0, `CSV: ${error.message}`));
    let bytes = 0;
    stream.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > MAX_UPLOAD_BYTES) parser.destroy(tooLarge(`The upload is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`));
    });
    try {
      for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
        const data: Record<string, unknown> = {};
        let externalId: string | null = null;
        let answer: unknown;
        for (const [column, raw] of Object.entries(record)) {
          if (column === 'externalId') externalId = raw.trim() || null;
          else if (column === 'answer') answer = raw.trim() ? cellValue(column, raw) : undefined;
          else data[column] = cellValue(column, raw);
        }
        yield { line: info.lines, externalId, data, answer };
      }
    } catch (error) {
      if (error instanceof DomainError) throw error;
      const code = (error as { code?: string }).code;
      if (code === 'CSV_MAX_RECORD_SIZE') throw tooLarge(`A CSV record is longer than ${MAX_LINE_BYTES / 1024 / 1024} MB`);
      throw validationFailed([{ path: 'body', message: `CSV could not be read: ${(error as Error).message}` }]);
    }
  }

  /** Multi-row insert; an externalId the job already has is reported, not inserted twice. */
  private async insertBatch(runner: QueryRunner, jobId: string, batch: Line[], gold: boolean, reject: (line: number, message: string) => void): Promise<number> {
    const inserted: { external_id: string | null }[] = await runner.query(
      `INSERT INTO items (job_id, external_id, data, is_gold, gold_answer)
       SELECT $1, e, d, $4, a FROM unnest($2::text[], $3::jsonb[], $5::jsonb[]) AS t(e, d, a)
       ON CONFLICT (job_id, external_id) WHERE external_id IS NOT NULL DO NOTHING
       RETURNING external_id`,
      [jobId, batch.map((b) => b.externalId), batch.map((b) => JSON.stringify(b.data)), gold, batch.map((b) => (gold ? JSON.stringify(b.answer) : null))],
    );
    if (inserted.length < batch.length) {
      const kept = new Set(inserted.map((r) => r.external_id));
      for (const b of batch) if (b.externalId !== null && !kept.has(b.externalId)) reject(b.line, `duplicate externalId "${b.externalId}" (the job already has it)`);
    }
    return inserted.length;
  }
}
