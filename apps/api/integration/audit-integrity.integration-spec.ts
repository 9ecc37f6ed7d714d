import type { AuditCheckpointVerifyResponse, AuditCheckpointView, AuditVerifyResponse, Page, ProblemDetails } from '@quorum/contracts';
import { auditHash } from '@quorum/api/audit';
import { registerTenant } from '@quorum/api/testing';
import type { QueryRunner } from 'typeorm';
import { createPlatformUser, startTestApi, TestApi } from './support/test-app';

interface Row {
  seq: string;
  at: Date;
  actor: Record<string, unknown>;
  type: string;
  subject: string;
  data: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

/**
 * Tampering as someone with the table owner's rights would (the append-only triggers switched
 * off), then putting every row back so the rest of the run sees an intact chain.
 */
describe('audit integrity: tampering, truncation and signed checkpoints', () => {
  let api: TestApi;
  let auditor: { token: string };
  let admin: { token: string };
  let runner: QueryRunner;
  let lab: { adminToken: string };

  const verify = async () => (await api.http.get<AuditVerifyResponse>('/api/v1/audit/verify', auditor.token)).body;
  const newestRows = (n: number): Promise<Row[]> => runner.query('SELECT * FROM audit_events ORDER BY seq DESC LIMIT $1', [n]);
  const restore = async (rows: Row[]) => {
    const seqs = rows.map((r) => r.seq);
    await runner.query('DELETE FROM audit_events WHERE seq = ANY($1::bigint[])', [seqs]);
    for (const r of [...rows].sort((a, b) => Number(a.seq) - Number(b.seq))) {
      await runner.query('INSERT INTO audit_events (seq, at, actor, type, subject, data, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
        r.seq,
        r.at,
        JSON.stringify(r.actor),
        r.type,
        r.subject,
        JSON.stringify(r.data),
        r.prev_hash,
        r.hash,
      ]);
    }
  };

  beforeAll(async () => {
    api = await startTestApi();
    auditor = await createPlatformUser(api, 'auditor');
    admin = await createPlatformUser(api, 'platform_admin');
    for (let i = 0; i < 3; i++) lab = await registerTenant(api.http);
    runner = api.dataSource.createQueryRunner();
    await runner.connect();
    // Holding the chain's lock keeps any other append out while rows are moved around.
    await runner.query('SELECT pg_advisory_lock($1)', [0x5155_4f52]);
    await runner.query('ALTER TABLE audit_events DISABLE TRIGGER tr_audit_events_append_only');
  });

  afterAll(async () => {
    await runner.query('ALTER TABLE audit_events ENABLE TRIGGER tr_audit_events_append_only');
    await runner.query('SELECT pg_advisory_unlock($1)', [0x5155_4f52]);
    await runner.release();
    expect((await verify()).valid).toBe(true);
    await api.close();
  });

  it('names a deleted event from the middle of the chain', async () => {
    const [, , middle] = await newestRows(5);
    await runner.query('DELETE FROM audit_events WHERE seq = $1', [middle.seq]);
    try {
      expect(await verify()).toMatchObject({ valid: false, firstInvalidSeq: Number(middle.seq) });
    } finally {
      await restore([middle]);
    }
    expect((await verify()).valid).toBe(true);
  });

  it('names the first of two events whose places were swapped', async () => {
    const [, later, earlier] = await newestRows(3);
    const swap = async (a: Row, b: Row) => {
      // Move a's content to b's place and back: each keeps its own hashes, as a copy would.
      await runner.query('DELETE FROM audit_events WHERE seq = ANY($1::bigint[])', [[a.seq, b.seq]]);
      await restore([{ ...b, seq: a.seq }, { ...a, seq: b.seq }]);
    };
    await swap(earlier, later);
    try {
      expect(await verify()).toMatchObject({ valid: false, firstInvalidSeq: Number(earlier.seq) });
    } finally {
      await restore([earlier, later]);
    }
  });

  it('names an event whose data was edited', async () => {
    const [, target] = await newestRows(2);
    await runner.query('UPDATE audit_events SET data = $1 WHERE seq = $2', [JSON.stringify({ ...target.data, injected: true }), target.seq]);
    try {
      expect(await verify()).toMatchObject({ valid: false, firstInvalidSeq: Number(target.seq) });
    } finally {
      await restore([target]);
    }
  });

  it('signs checkpoints of the head that verify, and refuses forged ones', async () => {
    const created = await api.http.post<AuditCheckpointView>('/api/v1/audit/checkpoints', undefined, admin.token);
    expect(created.status).toBe(201);
    const [head] = await newestRows(1);
    expect(created.body).toMatchObject({ seq: Number(head.seq), headHash: head.hash });
    expect(created.body.signature).toMatch(/^[0-9a-f]{64}$/);

    const listed = await api.http.get<Page<AuditCheckpointView>>('/api/v1/audit/checkpoints?limit=1', auditor.token);
    expect(listed.body.items[0]).toEqual(created.body);

    const { keyId: _keyId, ...kept } = created.body;
    const genuine = await api.http.post<AuditCheckpointVerifyResponse>('/api/v1/audit/checkpoints/verify', kept, auditor.token);
    expect(genuine.status).toBe(200);
    expect(genuine.body).toMatchObject({ valid: true, signatureValid: true, truncated: false, headMatches: true, firstInvalidSeq: null });

    const forged = await api.http.post<AuditCheckpointVerifyResponse>('/api/v1/audit/checkpoints/verify', { ...kept, seq: kept.seq - 1 }, auditor.token);
    expect(forged.body).toMatchObject({ valid: false, signatureValid: false });

    const malformed = await api.http.post<ProblemDetails>('/api/v1/audit/checkpoints/verify', { ...kept, signature: 'nope', seq: -1 }, auditor.token);
    expect(malformed.status).toBe(400);
    expect(malformed.headers['content-type']).toMatch(/problem\+json/);
    expect((await verify()).checkpoint).toMatchObject({ seq: kept.seq, consistent: true });
  });

  it('detects removal of the newest events against a kept checkpoint and against the stored ones', async () => {
    const checkpoint = (await api.http.post<AuditCheckpointView>('/api/v1/audit/checkpoints', undefined, auditor.token)).body;
    const tail = await newestRows(2);
    await runner.query('DELETE FROM audit_events WHERE seq = ANY($1::bigint[])', [tail.map((r) => r.seq)]);
    try {
      const { keyId: _keyId, ...kept } = checkpoint;
      const check = await api.http.post<AuditCheckpointVerifyResponse>('/api/v1/audit/checkpoints/verify', kept, auditor.token);
      expect(check.body).toMatchObject({ valid: false, signatureValid: true, truncated: true, headMatches: false, firstInvalidSeq: checkpoint.seq - 1 });
      // The chain that is left recomputes, yet verify flags it from the stored checkpoint.
      expect(await verify()).toMatchObject({ valid: false, firstInvalidSeq: checkpoint.seq - 1, checkpoint: { seq: checkpoint.seq, consistent: false } });
      const refused = await api.http.post<ProblemDetails>('/api/v1/audit/checkpoints', undefined, admin.token);
      expect(refused.status).toBe(409);
    } finally {
      await restore(tail);
    }
    expect((await verify()).valid).toBe(true);
  });

  it('detects a rewritten and fully relinked tail, which the chain alone cannot see', async () => {
    const before = (await api.http.post<AuditCheckpointView>('/api/v1/audit/checkpoints', undefined, admin.token)).body;
    const tail = (await newestRows(3)).reverse();
    const rewritten: Row[] = [];
    let prevHash = tail[0].prev_hash;
    for (const row of tail) {
      const data = row === tail[0] ? { ...row.data, rewritten: true } : row.data;
      const hash = auditHash(prevHash, { seq: Number(row.seq), at: row.at, actor: row.actor as never, type: row.type, subject: row.subject, data });
      rewritten.push({ ...row, data, prev_hash: prevHash, hash });
      prevHash = hash;
    }
    await restore(rewritten);
    try {
      const result = await verify();
      // Every link recomputes; the checkpoint that covered these events no longer agrees.
      expect(result).toMatchObject({ valid: false, checkpoint: { seq: before.seq, consistent: false } });
      expect(result.firstInvalidSeq).toBeLessThanOrEqual(Number(tail[0].seq));
      const { keyId: _keyId, ...kept } = before;
      const check = await api.http.post<AuditCheckpointVerifyResponse>('/api/v1/audit/checkpoints/verify', kept, auditor.token);
      expect(check.body).toMatchObject({ valid: false, signatureValid: true, truncated: false, headMatches: false });
    } finally {
      await restore(tail);
    }
    expect((await verify()).valid).toBe(true);
  });

  it('refuses to sign a broken chain', async () => {
    const [, target] = await newestRows(2);
    await runner.query('UPDATE audit_events SET subject = $1 WHERE seq = $2', ['org:forged', target.seq]);
    try {
      const refused = await api.http.post<ProblemDetails>('/api/v1/audit/checkpoints', undefined, admin.token);
      expect(refused.status).toBe(409);
      expect(refused.body.detail).toContain(String(target.seq));
    } finally {
      await restore([target]);
    }
  });

  it('keeps checkpoints append-only and for platform staff only', async () => {
    await expect(api.dataSource.query('DELETE FROM audit_checkpoints')).rejects.toThrow(/append-only/);
    await expect(api.dataSource.query(`UPDATE audit_checkpoints SET seq = 0`)).rejects.toThrow(/append-only/);
    expect((await api.http.get('/api/v1/audit/checkpoints', lab.adminToken)).status).toBe(403);
    expect((await api.http.post('/api/v1/audit/checkpoints', undefined, lab.adminToken)).status).toBe(403);
  });
});
