import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ImportReport } from '@quorum/contracts';
import { AuditService } from '@quorum/api/audit';
import type { Principal, RequestMeta } from '@quorum/api/auth';
import { conflict, DomainError, ErrorCode, forbidden, validationFailed } from '@quorum/api/errors';
import { OutboxService } from '@quorum/api/queue';
import { actorOf } from '@quorum/api/registry';
import { parse as parseCsv } from 'csv-parse';
import { once } from 'node:events';
import { Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { COPY_NULL, copyField, copyJsonField, jsonIsStorable } from './copy-text';
import { JobsService } from './jobs.service';
import { createTaskValidator, formatProblems, TaskValidator } from './task-types';
import { utf8Checked } from './utf8-guard';

/** Limits of one upload. Past them the request is refused (413) and nothing is kept. */
export const MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;
export const MAX_LINE_BYTES = 1024 * 1024;
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
const MB = 1024 * 1024;
/** Rows are handed to COPY in pieces of about this many characters. */
const COPY_PIECE = 256 * 1024;
/** Longest the import runs without giving other requests a turn on the event loop. */
const YIELD_MS = 20;

/**
 * Splits a byte stream into lines, calling `onLine` for each (synchronously: an await per line
 * would cost more than parsing it), without holding more than one partial line, refusing
 * over-long lines and uploads. `afterChunk` runs between chunks and may wait (backpressure).
 */
async function eachLine(stream: Readable, onLine: (line: number, text: string) => void, afterChunk: () => Promise<void>): Promise<void> {
  let carry = '';
  let bytes = 0;
  let line = 0;
  // A multi-byte character may straddle two chunks.
  const decoder = new StringDecoder('utf8');
  const emit = (text: string) => {
    line += 1;
    // A byte-order mark is not part of the first line.
    const bare = line === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    const current = bare.charCodeAt(bare.length - 1) === 13 ? bare.slice(0, -1) : bare;
    // UTF-8 takes at most 3 bytes per UTF-16 unit, so only long lines need counting.
    if (current.length * 3 > MAX_LINE_BYTES && Buffer.byteLength(current) > MAX_LINE_BYTES) throw tooLarge(`Line ${line} is longer than ${MAX_LINE_BYTES / MB} MB`);
    onLine(line, current);
  };
  for await (const chunk of stream) {
    bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : (chunk as Buffer).length;
    if (bytes > MAX_UPLOAD_BYTES) throw tooLarge(`The upload is larger than ${MAX_UPLOAD_BYTES / MB} MB`);
    const text = carry + (typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer));
    // Walk the text with an index; slicing after every line would copy the rest each time.
    let start = 0;
    let at: number;
    while ((at = text.indexOf('\n', start)) >= 0) {
      emit(text.slice(start, at));
      start = at + 1;
    }
    carry = text.slice(start);
    if (carry.length > MAX_LINE_BYTES) throw tooLarge(`Line ${line + 1} is longer than ${MAX_LINE_BYTES / MB} MB`);
    await afterChunk();
  }
  carry += decoder.end();
  if (carry.trim()) emit(carry);
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
   * reported and not inserted. Good lines go to Postgres through COPY as they are read, all in one
   * transaction, so an upload that is refused (413) or fails leaves nothing behind.
   */
  async import(principal: Principal, jobId: string, body: unknown, format: UploadFormat, gold: boolean, ctx: RequestMeta): Promise<ImportReport> {
    if (principal.orgKind !== 'lab') throw forbidden('Only the lab that owns the job can upload items');
    if (!(body instanceof Readable)) throw new DomainError(ErrorCode.UnsupportedMediaType, 'Send items as application/x-ndjson (JSON Lines) or text/csv');
    const job = await this.jobs.jobFor(principal, jobId);
    if (!UPLOADABLE.includes(job.status)) throw conflict(`Items cannot be added to a ${job.status} job`);

    let errors: { line: number; message: string }[] = [];
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
    let copy: Writable | null = null;
    let source: Readable = body;
    try {
      // Uploads to one job take turns, so the externalIds the job already has cannot change under this one.
      await runner.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`items:${jobId}`]);
      // The COPY lasts as long as the upload takes to arrive, which the pool's 30 s statement timeout
      // would cut short (the upload's own size limits bound it instead).
      await runner.query(`SET LOCAL statement_timeout = 0`);
      const [{ keyed }] = await runner.query(`SELECT EXISTS (SELECT 1 FROM items WHERE job_id = $1 AND external_id IS NOT NULL) AS keyed`, [jobId]);
      // A job without externalIds yet cannot clash: rows go straight into items. Otherwise they land
      // in a staging table and one INSERT … SELECT keeps those the job does not have.
      if (keyed) await runner.query(`CREATE TEMP TABLE item_upload (line int NOT NULL, external_id text, data jsonb NOT NULL, gold_answer jsonb) ON COMMIT DROP`);
      // The runner's own connection, so COPY is part of the transaction.
      const client = (runner as unknown as { databaseConnection: PoolClient }).databaseConnection;
      const stream = client.query(copyFrom(keyed ? 'COPY item_upload (line, external_id, data, gold_answer) FROM STDIN' : 'COPY items (job_id, external_id, data, is_gold, gold_answer) FROM STDIN'));
      copy = stream;
      const copied = finished(stream);
      // An early COPY error must not go unhandled while lines are still being read.
      let copyFailure: Error | null = null;
      copied.catch((error: Error) => (copyFailure = error));
      const fixed = keyed ? '' : `${jobId}\t`;
      const goldFlag = gold ? 't' : 'f';
      let piece: string[] = [];
      let pieceLength = 0;
      let sent = 0;
      let lastYield = Date.now();
      const take = (candidate: Line) => {
        const problem = this.check(validator, candidate, gold, seen);
        if (problem) return reject(candidate.line, problem);
        if (candidate.externalId?.includes('\0')) return reject(candidate.line, 'externalId must not contain NUL characters');
        const data = JSON.stringify(candidate.data);
        const answer = gold ? JSON.stringify(candidate.answer) : null;
        if (!jsonIsStorable(data) || (answer !== null && !jsonIsStorable(answer))) return reject(candidate.line, 'contains a character that cannot be stored (NUL or an unpaired surrogate)');
        const id = candidate.externalId === null ? COPY_NULL : copyField(candidate.externalId);
        const gold_ = answer === null ? COPY_NULL : copyJsonField(answer);
        const row = keyed ? `${candidate.line}\t${id}\t${copyJsonField(data)}\t${gold_}\n` : `${fixed}${id}\t${copyJsonField(data)}\t${goldFlag}\t${gold_}\n`;
        piece.push(row);
        pieceLength += row.length;
        sent += 1;
      };
      const flush = async (force: boolean) => {
        // Writing to a failed COPY would throw something unrelated; its own error says what went wrong.
        if (copyFailure) throw copyFailure;
        if (pieceLength >= COPY_PIECE || (force && piece.length)) {
          const ok = stream.write(piece.join(''));
          piece = [];
          pieceLength = 0;
          // once() rejects if the COPY fails meanwhile.
          if (!ok) await once(stream, 'drain');
        }
        if (Date.now() - lastYield > YIELD_MS) {
          await new Promise((resolve) => setImmediate(resolve));
          lastYield = Date.now();
        }
      };
      // Checked from here on (created where it is read, so its error always has a listener).
      source = utf8Checked(body);
      if (format === 'csv') {
        for await (const candidate of this.csvLines(source, reject)) {
          take(candidate);
          await flush(false);
        }
      } else {
        await eachLine(
          source,
          (line, text) => {
            const candidate = this.jsonLine(line, text, reject);
            if (candidate) take(candidate);
          },
          () => flush(false),
        );
      }
      await flush(true);
      stream.end();
      await copied;
      copy = null;
      if (keyed && sent) {
        const clashes: { line: number; externalId: string }[] = await runner.query(
          `SELECT s.line, s.external_id AS "externalId" FROM item_upload s WHERE EXISTS (SELECT 1 FROM items i WHERE i.job_id = $1 AND i.external_id = s.external_id) ORDER BY s.line`,
          [jobId],
        );
        for (const c of clashes) reject(c.line, `duplicate externalId "${c.externalId}" (the job already has it)`);
        // Reported by line, as if checked in the order they came.
        if (clashes.length) errors = errors.sort((a, b) => a.line - b.line);
        const inserted = await runner.query(
          `INSERT INTO items (job_id, external_id, data, is_gold, gold_answer)
           SELECT $1, s.external_id, s.data, $2, s.gold_answer FROM item_upload s
            WHERE s.external_id IS NULL OR NOT EXISTS (SELECT 1 FROM items i WHERE i.job_id = $1 AND i.external_id = s.external_id)
            ORDER BY s.line`,
          [jobId, gold],
          true,
        );
        accepted = inserted.affected ?? 0;
      } else {
        accepted = sent;
      }
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
      // CopyFail ends the COPY; the transaction then rolls back with everything it wrote.
      if (copy) {
        copy.destroy(error as Error);
        await finished(copy).catch(() => undefined);
      }
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      source.destroy();
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

  /** One JSON Lines line as a candidate item, or null (reported) when it is not one. */
  private jsonLine(line: number, text: string, reject: (line: number, message: string) => void): Line | null {
    if (!text.trim()) return null;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      reject(line, `not valid JSON: ${(error as Error).message}`);
      return null;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      reject(line, 'each line must be an object like {"externalId": "...", "data": {...}}');
      return null;
    }
    const fields = value as Record<string, unknown>;
    const { externalId, data, answer } = fields;
    // A key loop: rest destructuring ({ ...rest }) costs more than the rest of the checks together.
    let extra: string[] | null = null;
    for (const key of Object.keys(fields)) if (key !== 'externalId' && key !== 'data' && key !== 'answer') (extra ??= []).push(key);
    if (extra) {
      reject(line, `unknown field${extra.length > 1 ? 's' : ''} ${extra.map((k) => `"${k}"`).join(', ')} (expected externalId, data${answer !== undefined ? ', answer' : ''})`);
      return null;
    }
    if (externalId !== undefined && (typeof externalId !== 'string' || !externalId.trim() || externalId.length > 200)) {
      reject(line, 'externalId must be a non-empty string of at most 200 characters');
      return null;
    }
    return { line, externalId: (externalId as string | undefined) ?? null, data, answer };
  }

  private async *csvLines(stream: Readable, reject: (line: number, message: string) => void): AsyncGenerator<Line> {
    const parser = stream.pipe(
      parseCsv({ columns: true, bom: true, skip_empty_lines: true, relax_quotes: false, max_record_size: MAX_LINE_BYTES, info: true, skip_records_with_error: true }),
    );
    // An over-long record refuses the whole upload (413), as an over-long JSON line does; other bad records are reported by line.
    parser.on('skip', (error: { code?: string; lines?: number; message: string }) => (error.code === 'CSV_MAX_RECORD_SIZE' ? parser.destroy(tooLarge(`A CSV record is longer than ${MAX_LINE_BYTES / 1024 / 1024} MB`)) : reject(error.lines ?? 0, `CSV: ${error.message}`)));
    // pipe() does not carry the source's error (a refused encoding, a broken upload) to the parser.
    stream.on('error', (error) => parser.destroy(error));
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
}
