import type { AuditCheckpointView } from '@quorum/contracts';
import {
  checkpointFileName,
  checkpointFileText,
  parseCheckpointFile,
} from './audit-checkpoint-file';

const signed: AuditCheckpointView = {
  seq: 7,
  headHash: '9f'.repeat(32),
  at: '2026-05-01T10:05:00.123Z',
  keyId: 'k-1',
  signature: '0a'.repeat(32),
};

describe('checkpoint files', () => {
  it('round-trips a downloaded checkpoint into the verify request', () => {
    expect(checkpointFileName(signed)).toBe('audit-checkpoint-7.json');
    const parsed = parseCheckpointFile(checkpointFileText(signed));
    expect(parsed).toEqual({
      ok: true,
      checkpoint: {
        seq: 7,
        headHash: signed.headHash,
        at: signed.at,
        signature: signed.signature,
      },
    });
  });

  it('keeps the timestamp exactly as signed', () => {
    const at = '2026-05-01T12:05:00+02:00';
    const parsed = parseCheckpointFile(JSON.stringify({ ...signed, at }));
    expect(parsed.ok && parsed.checkpoint.at).toBe(at);
  });

  it('names each missing or wrong field', () => {
    const parsed = parseCheckpointFile(
      JSON.stringify({
        seq: -1,
        headHash: signed.headHash,
        at: '2026-13-45T99:00:00Z',
      }),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problem.errors).toEqual([
      { path: 'seq', message: 'must be a whole number ≥ 0' },
      { path: 'at', message: 'must be an ISO 8601 timestamp' },
      { path: 'signature', message: 'is missing' },
    ]);
  });

  it('refuses something that is not one JSON object', () => {
    for (const text of ['', 'null', '42', '[]', '{"seq":1']) {
      const parsed = parseCheckpointFile(text);
      expect(parsed.ok).toBe(false);
    }
  });
});
