import { Readable } from 'node:stream';
import { DomainError } from '@quorum/api/errors';
import { utf8Checked } from './utf8-guard';

async function read(chunks: Buffer[]): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const chunk of utf8Checked(Readable.from(chunks))) out.push(chunk as Buffer);
  return Buffer.concat(out);
}

async function refusal(chunks: Buffer[]): Promise<{ line: number | undefined; detail: string }> {
  try {
    await read(chunks);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    const problem = error as DomainError & { errors?: { line?: number }[] };
    return { line: problem.errors?.[0]?.line, detail: problem.message };
  }
  throw new Error('expected a refusal');
}

describe('utf8Checked', () => {
  const text = 'plain\nnaïve café — 日本語 🎉\nlast';

  it('passes valid UTF-8 through unchanged, whatever the chunking (multi-byte characters split at every byte)', async () => {
    const bytes = Buffer.from(text);
    for (let size = 1; size <= 7; size++) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      expect((await read(chunks)).equals(bytes)).toBe(true);
    }
  });

  it('refuses invalid bytes, naming the line they are on', async () => {
    const bad = Buffer.concat([Buffer.from('one\ntwo\nthr'), Buffer.from([0xc3, 0x28]), Buffer.from('ee\nfour\n')]);
    expect(await refusal([bad])).toEqual({ line: 3, detail: expect.stringMatching(/not valid UTF-8/) });
    // Across chunk boundaries too.
    expect((await refusal([bad.subarray(0, 5), bad.subarray(5, 12), bad.subarray(12)])).line).toBe(3);
  });

  it('refuses Latin-1, a lone continuation byte, an overlong encoding and a truncated final character', async () => {
    expect((await refusal([Buffer.from('caf\xe9\n', 'latin1')])).line).toBe(1);
    expect((await refusal([Buffer.from('ok\n'), Buffer.from([0x80, 0x0a])])).line).toBe(2);
    expect((await refusal([Buffer.from([0xc0, 0xaf])])).line).toBe(1);
    expect((await refusal([Buffer.from('a\nb\n'), Buffer.from([0xe6, 0x97])])).line).toBe(3);
  });
});
