import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { JobStats, ResultLine } from '@quorum/contracts';
import { CurrentPrincipal, Principal } from '@quorum/api/auth';
import { csvRow, jsonlLine } from '@quorum/api/delivery';
import { UuidPipe, validationFailed } from '@quorum/api/errors';
import { JobsService } from '@quorum/api/jobs';
import type { FastifyReply } from 'fastify';
import { pipeline, Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { QualityService } from './quality.service';

const FORMATS = ['jsonl', 'csv', 'preference-pairs'] as const;
type Format = (typeof FORMATS)[number];

/** chosen/rejected pairs for pairwise and ranking results (the shape reward-model trainers read). */
function preferencePairs(line: ResultLine): { prompt: string; chosen: string; rejected: string; itemId: string }[] {
  const data = line.data as { prompt?: string; responses?: string[] };
  const aggregate = line.aggregate as { choice?: string; order?: number[] } | null;
  if (!aggregate || !data.prompt || !data.responses) return [];
  if (aggregate.choice === 'a' || aggregate.choice === 'b') {
    const [a, b] = data.responses;
    return [{ itemId: line.itemId, prompt: data.prompt, chosen: aggregate.choice === 'a' ? a : b, rejected: aggregate.choice === 'a' ? b : a }];
  }
  if (aggregate.order) {
    const order = aggregate.order;
    const pairs = [];
    for (let i = 0; i < order.length; i++) for (let j = i + 1; j < order.length; j++) pairs.push({ itemId: line.itemId, prompt: data.prompt, chosen: data.responses[order[i]], rejected: data.responses[order[j]] });
    return pairs;
  }
  return [];
}

@ApiTags('jobs')
@ApiBearerAuth()
@Controller()
export class ResultsController {
  constructor(
    private readonly quality: QualityService,
    private readonly jobs: JobsService,
  ) {}

  @Get('jobs/:id/stats')
  @ApiOperation({ summary: 'Throughput over time, agreement distribution and answers per vendor' })
  async stats(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<JobStats> {
    const job = await this.jobs.jobFor(principal, id);
    return this.quality.jobStats(job.id);
  }

  @Get('jobs/:id/results')
  @ApiOperation({ summary: 'Stream one line per item: aggregate, confidence, agreement, answer count and vendors (with neutrality at answer time)' })
  @ApiQuery({ name: 'format', required: false, enum: FORMATS })
  async results(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string, @Res() reply: FastifyReply, @Query('format') format: Format = 'jsonl'): Promise<void> {
    if (!FORMATS.includes(format)) throw validationFailed([{ path: 'format', message: `format must be one of: ${FORMATS.join(', ')}` }]);
    const job = await this.jobs.jobFor(principal, id);
    const encode = (line: ResultLine): string => {
      if (format === 'jsonl') return jsonlLine(line);
      if (format === 'csv') return csvRow([line.itemId, line.externalId ?? '', JSON.stringify(line.data), line.aggregate === null ? '' : JSON.stringify(line.aggregate), line.confidence ?? '', line.agreement ?? '', line.answerCount, line.status, JSON.stringify(line.vendors)]);
      let out = '';
      for (const pair of preferencePairs(line)) out += jsonlLine(pair);
      return out;
    };
    const source = await this.quality.resultLineStream(job.id);
    const decoder = new StringDecoder('utf8');
    let carry = '';
    let header = format === 'csv' ? csvRow(['itemId', 'externalId', 'data', 'aggregate', 'confidence', 'agreement', 'answerCount', 'status', 'vendors']) : '';
    // One output string per COPY chunk (hundreds of lines), not one per line.
    const lines = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        const text = carry + decoder.write(chunk);
        let out = header;
        header = '';
        let start = 0;
        let at: number;
        try {
          while ((at = text.indexOf('\n', start)) >= 0) {
            out += encode(JSON.parse(text.slice(start, at)) as ResultLine);
            start = at + 1;
          }
        } catch (error) {
          return done(error as Error);
        }
        carry = text.slice(start);
        done(null, out || undefined);
      },
      flush(done) {
        done(null, header || undefined);
      },
    });
    // The reply ends (or is destroyed) with the COPY; a client that goes away stops the COPY.
    pipeline(source, lines, () => undefined);
    const type = format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8';
    const extension = format === 'csv' ? 'csv' : 'jsonl';
    void reply
      .header('content-type', type)
      .header('content-disposition', `attachment; filename="job-${job.id}-${format}.${extension}"`)
      .send(lines);
  }
}
