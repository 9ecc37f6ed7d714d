import { isUtf8 } from 'node:buffer';
import { Readable, Transform } from 'node:stream';
import { validationFailed } from '@quorum/api/errors';

const NEWLINE = 0x0a;

/** Bytes at the end that begin a multi-byte character the next chunk may complete. */
function incompleteTail(buf: Buffer): number {
  for (let back = 1; back <= Math.min(3, buf.length); back++) {
    const byte = buf[buf.length - back];
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: keep looking for the lead
    const needs = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needs > back ? back : 0;
  }
  return 0;
}

function countNewlines(buf: Buffer): number {
  let count = 0;
  for (let at = buf.indexOf(NEWLINE); at >= 0; at = buf.indexOf(NEWLINE, at + 1)) count += 1;
  return count;
}

/** 1-based line within `buf` of the first line that is not UTF-8 (only called once one is known). */
function firstBadLine(buf: Buffer): number {
  let start = 0;
  for (let line = 1; ; line++) {
    const end = buf.indexOf(NEWLINE, start);
    if (!isUtf8(buf.subarray(start, end < 0 ? buf.length : end))) return line;
    if (end < 0) return line;
    start = end + 1;
  }
}

const notUtf8 = (line: number) =>
  validationFailed([{ path: `line ${line}`, line, message: `line ${line} is not valid UTF-8` }], 'The upload is not valid UTF-8; save the file as UTF-8 and upload it again');

/**
 * Passes the bytes on unchanged, refusing the upload at the first byte sequence that is not UTF-8.
 * Decoders would otherwise turn such bytes into U+FFFD and store the damaged text without a word
 * (usually a Latin-1 or UTF-16 file, where every line with an accent is wrong).
 */
export function utf8Checked(source: Readable): Readable {
  let carry: Buffer | null = null;
  let linesBefore = 0;
  const guard = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const data = carry ? Buffer.concat([carry, chunk]) : chunk;
      const tail = incompleteTail(data);
      const whole = tail ? data.subarray(0, data.length - tail) : data;
      carry = tail ? Buffer.from(data.subarray(data.length - tail)) : null;
      if (!isUtf8(whole)) return done(notUtf8(linesBefore + firstBadLine(whole)));
      linesBefore += countNewlines(whole);
      done(null, whole);
    },
    flush(done) {
      done(carry ? notUtf8(linesBefore + 1) : null);
    },
  });
  source.on('error', (error) => guard.destroy(error));
  // The reader sees the error through its iterator; this keeps an unread one from crashing the process.
  guard.on('error', () => undefined);
  return source.pipe(guard);
}
