import type {
  AuditCheckpointVerifyRequest,
  AuditCheckpointView,
} from '@quorum/contracts';
import { ApiProblem } from '@quorum/web/shared/util';

const HEX64 = /^[0-9a-f]{64}$/;
// The signature covers `at` exactly as written, so it is checked, never normalised.
const ISO_INSTANT =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

export function checkpointFileName(checkpoint: { seq: number }): string {
  return `audit-checkpoint-${checkpoint.seq}.json`;
}

/** The kept copy: what verify needs, plus the id of the key that signed it. */
export function checkpointFileText(checkpoint: AuditCheckpointView): string {
  const kept = {
    seq: checkpoint.seq,
    headHash: checkpoint.headHash,
    at: checkpoint.at,
    keyId: checkpoint.keyId,
    signature: checkpoint.signature,
  };
  return `${JSON.stringify(kept, null, 2)}\n`;
}

/** Saves the checkpoint as a JSON file through a temporary object URL. */
export function saveCheckpointFile(checkpoint: AuditCheckpointView): void {
  const blob = new Blob([checkpointFileText(checkpoint)], {
    type: 'application/json',
  });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = checkpointFileName(checkpoint);
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export type ParsedCheckpoint =
  | { ok: true; checkpoint: AuditCheckpointVerifyRequest }
  | { ok: false; problem: ApiProblem };

/**
 * Reads a kept checkpoint (the downloaded file or one line of the server's checkpoint file) and
 * says what is wrong with it before anything is sent.
 */
export function parseCheckpointFile(text: string): ParsedCheckpoint {
  const rejected = (
    detail: string,
    errors: { path: string; message: string }[] = [],
  ): ParsedCheckpoint => ({
    ok: false,
    problem: new ApiProblem({
      type: 'about:blank',
      title: 'That is not a checkpoint',
      status: 0,
      detail,
      errors,
    }),
  });
  if (!text.trim())
    return rejected('Pick the checkpoint file or paste its JSON.');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return rejected(
      'The text is not valid JSON. Paste the whole file as it was downloaded (one checkpoint).',
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return rejected(
      'Expected one checkpoint: a JSON object with seq, headHash, at and signature.',
    );
  const { seq, headHash, at, signature } = value as Record<string, unknown>;
  const errors: { path: string; message: string }[] = [];
  if (seq === undefined) errors.push({ path: 'seq', message: 'is missing' });
  else if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0)
    errors.push({ path: 'seq', message: 'must be a whole number ≥ 0' });
  if (headHash === undefined)
    errors.push({ path: 'headHash', message: 'is missing' });
  else if (typeof headHash !== 'string' || !HEX64.test(headHash))
    errors.push({
      path: 'headHash',
      message: 'must be 64 lowercase hex characters',
    });
  if (at === undefined) errors.push({ path: 'at', message: 'is missing' });
  else if (
    typeof at !== 'string' ||
    !ISO_INSTANT.test(at) ||
    Number.isNaN(Date.parse(at))
  )
    errors.push({ path: 'at', message: 'must be an ISO 8601 timestamp' });
  if (signature === undefined)
    errors.push({ path: 'signature', message: 'is missing' });
  else if (typeof signature !== 'string' || !HEX64.test(signature))
    errors.push({
      path: 'signature',
      message: 'must be 64 lowercase hex characters',
    });
  if (errors.length)
    return rejected(
      'Some fields of the checkpoint are missing or wrong.',
      errors,
    );
  return {
    ok: true,
    checkpoint: {
      seq: seq as number,
      headHash: headHash as string,
      at: at as string,
      signature: signature as string,
    },
  };
}
