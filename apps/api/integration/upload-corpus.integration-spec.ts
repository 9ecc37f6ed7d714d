import type { ImportReport, JobView, ProblemDetails } from '@quorum/contracts';
import { registerTenant, TestTenant } from '@quorum/api/testing';
import { gzipSync } from 'node:zlib';
import { changedTables, fingerprint } from './support/fingerprint';
import { createPlatformUser, startTestApi, TestApi } from './support/test-app';

/**
 * A corpus of broken and borderline uploads for the item and gold uploads and the BODS import.
 * Each is answered 4xx problem+json that names the problem (or 2xx where accepting it is right:
 * a byte-order mark, CRLF line ends), never 5xx; a refused upload leaves the database as it was.
 */

type Target = 'items' | 'gold' | 'bods';

interface Case {
  name: string;
  target: Target;
  contentType: string;
  body: () => Buffer | string;
  status: number;
  /** What the answer must say: the problem detail or one of its field errors. */
  names?: RegExp;
  /** The bad line the answer must point at (any of these, where the parser may name where it stopped). */
  line?: number | number[];
  /** Items kept on success. */
  accepted?: number;
  /** BODS statements imported on success (each bad one reported by index). */
  imported?: number;
}

const MB = 1024 * 1024;
const item = (i: number, over: Record<string, unknown> = {}) => JSON.stringify({ externalId: `u-${i}`, data: { text: `message ${i}` }, ...over });
const gold = (i: number) => JSON.stringify({ externalId: `g-${i}`, data: { text: `gold ${i}` }, answer: { label: 'yes' } });
const NDJSON = 'application/x-ndjson';
const CSV = 'text/csv';
const bodsPerson = (i: number) => ({ statementId: `corpus-person-${i}-0000000000000000`, declarationSubject: `corpus-${i}`, statementDate: '2025-01-01', recordId: `corpus-person-${i}`, recordType: 'person', recordDetails: { isComponent: false, personType: 'knownPerson', names: [{ type: 'legal', fullName: `Corpus Person ${i}` }] } });

const CASES: Case[] = [
  // Size limits: refused whole, nothing kept.
  { name: 'JSON Lines with a 10 MB line', target: 'items', contentType: NDJSON, body: () => `${item(1)}\n${item(2, { data: { text: 'x'.repeat(10 * MB) } })}\n${item(3)}`, status: 413, names: /line 2|longer/i },
  { name: 'gold with a 10 MB line', target: 'gold', contentType: NDJSON, body: () => `${gold(1)}\n{"data":{"text":"${'y'.repeat(10 * MB)}"},"answer":{"label":"yes"}}`, status: 413, names: /line 2|longer/i },
  { name: 'CSV with a 10 MB cell', target: 'items', contentType: CSV, body: () => `externalId,text\nc1,short\nc2,${'z'.repeat(10 * MB)}\n`, status: 413, names: /longer|record/i },
  { name: 'BODS import of 50 MB', target: 'bods', contentType: NDJSON, body: () => Array.from({ length: Math.ceil((50 * MB) / 330) }, (_, i) => JSON.stringify(bodsPerson(i))).join('\n'), status: 413, names: /larger|MB/i },
  { name: 'BODS JSON array over the JSON body limit', target: 'bods', contentType: 'application/json', body: () => JSON.stringify(Array.from({ length: Math.ceil((6 * MB) / 330) }, (_, i) => bodsPerson(i))), status: 413 },

  // CSV that does not parse: the answer names the line.
  { name: 'CSV with an unterminated quote', target: 'items', contentType: CSV, body: () => 'externalId,text\nq1,"never closed\nq2,fine\n', status: 400, names: /quote/i, line: [2, 3] },
  { name: 'CSV with a stray quote mid-field', target: 'items', contentType: CSV, body: () => 'externalId,text\nq1,ab"cd\n', status: 400, names: /quote/i, line: 2 },
  { name: 'CSV with ragged rows', target: 'items', contentType: CSV, body: () => 'externalId,text\nr1,one,extra,cells\nr2\n', status: 400, line: 2 },
  { name: 'CSV with a good and a broken row', target: 'items', contentType: CSV, body: () => 'externalId,text\nm1,fine\nm2,"bro"ken\n', status: 200, accepted: 1, line: 3 },

  // Media types and empty bodies.
  { name: 'items as text/plain', target: 'items', contentType: 'text/plain', body: () => item(1), status: 415, names: /x-ndjson|csv/i },
  { name: 'items as application/json', target: 'items', contentType: 'application/json', body: () => item(1), status: 415, names: /x-ndjson|csv/i },
  { name: 'items as multipart', target: 'items', contentType: 'multipart/form-data; boundary=x', body: () => `--x\r\nContent-Disposition: form-data; name="f"\r\n\r\n${item(1)}\r\n--x--`, status: 415 },
  { name: 'BODS as text/csv', target: 'bods', contentType: CSV, body: () => 'a,b\n1,2', status: 415 },
  { name: 'empty items body', target: 'items', contentType: NDJSON, body: () => '', status: 400, names: /no items|empty/i },
  { name: 'empty CSV body', target: 'items', contentType: CSV, body: () => '', status: 400, names: /no items|empty/i },
  { name: 'empty gold body', target: 'gold', contentType: NDJSON, body: () => '', status: 400, names: /no items|empty/i },
  { name: 'empty BODS body', target: 'bods', contentType: NDJSON, body: () => '', status: 400 },
  { name: 'only blank lines', target: 'items', contentType: NDJSON, body: () => '\n\n   \n\t\n\r\n', status: 400, names: /no items|empty/i },
  { name: 'CSV header only', target: 'items', contentType: CSV, body: () => 'externalId,text\n', status: 400, names: /no items|empty/i },

  // Encodings and line ends.
  { name: 'JSON Lines with a UTF-8 BOM', target: 'items', contentType: NDJSON, body: () => `\ufeff${item(1)}\n${item(2)}`, status: 200, accepted: 2 },
  { name: 'CSV with a UTF-8 BOM', target: 'items', contentType: CSV, body: () => '\ufeffexternalId,text\nb1,hello\n', status: 200, accepted: 1 },
  { name: 'JSON Lines with CRLF line ends', target: 'items', contentType: NDJSON, body: () => `${item(10)}\r\n${item(11)}\r\n`, status: 200, accepted: 2 },
  { name: 'CSV with CRLF line ends', target: 'items', contentType: CSV, body: () => 'externalId,text\r\ncr1,hello\r\ncr2,world\r\n', status: 200, accepted: 2 },
  { name: 'invalid UTF-8 bytes', target: 'items', contentType: NDJSON, body: () => Buffer.concat([Buffer.from('{"externalId":"bad-utf8","data":{"text":"'), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('"}}\n')]), status: 400, names: /UTF-8/i, line: 1 },
  { name: 'invalid UTF-8 in CSV', target: 'items', contentType: CSV, body: () => Buffer.concat([Buffer.from('externalId,text\nbad,'), Buffer.from([0xff, 0xfe, 0x80]), Buffer.from('\n')]), status: 400, names: /UTF-8/i, line: 2 },
  { name: 'raw NUL bytes in a line', target: 'items', contentType: NDJSON, body: () => Buffer.concat([Buffer.from('{"externalId":"nul","data":{"text":"a'), Buffer.from([0]), Buffer.from('b"}}\n')]), status: 400, line: 1 },
  { name: 'escaped NUL in item data', target: 'items', contentType: NDJSON, body: () => '{"externalId":"nul2","data":{"text":"a\\u0000b"}}\n', status: 400, names: /NUL|\\u0000|null character/i, line: 1 },
  { name: 'escaped NUL in an externalId', target: 'items', contentType: NDJSON, body: () => '{"externalId":"n\\u0000l","data":{"text":"ab"}}\n', status: 400, names: /NUL|\\u0000|null character/i, line: 1 },
  { name: 'NUL in a CSV cell', target: 'items', contentType: CSV, body: () => Buffer.concat([Buffer.from('externalId,text\nnul3,a'), Buffer.from([0]), Buffer.from('b\n')]), status: 400, names: /NUL|\\u0000|null character/i, line: 2 },
  { name: 'escaped NUL in a gold answer', target: 'gold', contentType: NDJSON, body: () => '{"externalId":"nul4","data":{"text":"ab"},"answer":{"label":"yes","note":"\\u0000"}}\n', status: 400 },
  { name: 'escaped NUL in a BODS statement', target: 'bods', contentType: NDJSON, body: () => JSON.stringify({ ...bodsPerson(999), recordDetails: { isComponent: false, personType: 'knownPerson', names: [{ type: 'legal', fullName: 'Nul\u0000Person' }] } }), status: 400 },
  { name: 'a gzip body without Content-Encoding', target: 'items', contentType: NDJSON, body: () => gzipSync(Buffer.from(`${item(1)}\n${item(2)}\n`)), status: 400, line: 1 },
  { name: 'BODS gzip body without Content-Encoding', target: 'bods', contentType: NDJSON, body: () => gzipSync(Buffer.from(JSON.stringify(bodsPerson(1)))), status: 400 },

  // The wrong shape.
  { name: 'a JSON array instead of JSON Lines', target: 'items', contentType: NDJSON, body: () => `[${item(1)},${item(2)}]`, status: 400, names: /object/i, line: 1 },
  { name: 'a pretty-printed JSON array', target: 'items', contentType: NDJSON, body: () => JSON.stringify([JSON.parse(item(1)), JSON.parse(item(2))], null, 2), status: 400, line: 1 },
  { name: 'gold as a JSON array', target: 'gold', contentType: NDJSON, body: () => `[${gold(1)}]`, status: 400, line: 1 },
  // One object is read as one statement (BODS allows a single statement): it is reported, not imported.
  { name: 'BODS that is a JSON object', target: 'bods', contentType: 'application/json', body: () => JSON.stringify({ statements: [bodsPerson(1)] }), status: 200, imported: 0 },
  { name: 'BODS JSON Lines of arrays', target: 'bods', contentType: NDJSON, body: () => '[1,2]\n[3]', status: 400 },
];

describe('upload corpus (items, gold, BODS import)', () => {
  let api: TestApi;
  let lab: TestTenant;
  let admin: { token: string };
  let job: JobView;

  const send = async (c: Case) => {
    const url = c.target === 'bods' ? '/api/v1/interests/import' : `/api/v1/jobs/${job.id}/${c.target}`;
    const token = c.target === 'bods' ? admin.token : lab.adminToken;
    const res = await api.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}`, 'content-type': c.contentType }, payload: c.body() });
    const type = String(res.headers['content-type'] ?? '');
    return { status: res.statusCode, type, text: res.body, body: /json/.test(type) && res.body ? (JSON.parse(res.body) as ProblemDetails & ImportReport) : null };
  };

  beforeAll(async () => {
    api = await startTestApi();
    lab = await registerTenant(api.http, { orgKind: 'lab' });
    admin = await createPlatformUser(api, 'platform_admin');
    const created = await api.http.post<JobView>(
      '/api/v1/jobs',
      { title: 'Upload corpus', instructions: 'x', taskType: 'classification', schema: { labels: ['yes', 'no'] }, overlap: 1, pricePerAnswer: 0.01, languages: ['ik'] },
      lab.adminToken,
    );
    job = created.body;
  });
  afterAll(() => api.close());

  for (const c of CASES) {
    it(c.name, async () => {
      const before = await fingerprint(api.dataSource);
      const [{ n: itemsBefore }] = await api.dataSource.query('SELECT count(*)::int AS n FROM items WHERE job_id = $1', [job.id]);
      const res = await send(c);
      const after = await fingerprint(api.dataSource);
      expect({ status: res.status, text: res.text.slice(0, 400) }).toEqual({ status: c.status, text: expect.any(String) });
      if (c.status >= 400) {
        expect(res.type).toMatch(/application\/problem\+json/);
        expect(res.body?.status).toBe(c.status);
        expect(res.text).not.toMatch(/at .*\.ts:\d+|QueryFailedError|stack/);
        // Refused: no row changed anywhere.
        expect(changedTables(before, after)).toEqual([]);
      } else if (c.target === 'bods') {
        const report = res.body as unknown as { imported: number; errors: { index: number; message: string }[] };
        expect(report.imported).toBe(c.imported);
        if (c.imported === 0) {
          expect(report.errors.length).toBeGreaterThan(0);
          expect(changedTables(before, after)).toEqual([]);
        }
      } else {
        const [{ n: itemsAfter }] = await api.dataSource.query('SELECT count(*)::int AS n FROM items WHERE job_id = $1', [job.id]);
        expect(itemsAfter - itemsBefore).toBe(c.accepted);
        expect(res.body?.accepted).toBe(c.accepted);
      }
      const said = [res.body?.detail ?? '', ...(res.body?.errors ?? []).map((e) => `${e.path} ${e.message}`)].join(' | ');
      if (c.names) expect(said).toMatch(c.names);
      if (c.line !== undefined) {
        const lines = (res.body?.errors ?? []).map((e) => (e as { line?: number }).line ?? Number(/line (\d+)/.exec(`${e.path} ${e.message}`)?.[1]));
        expect(lines.some((l) => ([] as number[]).concat(c.line as number | number[]).includes(l))).toBe(true);
      }
    }, 60_000);
  }

  it('kept exactly the accepted lines, each once, with their text intact', async () => {
    const rows: { externalId: string; text: string }[] = await api.dataSource.query(`SELECT external_id AS "externalId", data->>'text' AS text FROM items WHERE job_id = $1 ORDER BY external_id`, [job.id]);
    expect(rows.map((r) => r.externalId).sort()).toEqual(['b1', 'cr1', 'cr2', 'm1', 'u-1', 'u-10', 'u-11', 'u-2'].sort());
    // The BOM and the carriage returns are not part of the data.
    expect(rows.every((r) => !/[\ufeff\r]/.test(r.externalId + r.text))).toBe(true);
  });
});
