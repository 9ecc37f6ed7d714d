import { Readable } from 'node:stream';
import { DomainError, ErrorCode } from './domain-error';

/**
 * A request body as text, whatever the parser made of it: a stream (JSON Lines, CSV), a string,
 * or parsed JSON (re-serialised). Streams past `maxBytes` answer 413 without reading the rest.
 */
export async function readBodyText(body: unknown, maxBytes: number): Promise<string> {
  if (body instanceof Readable) {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of body) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      size += buffer.length;
      if (size > maxBytes) {
        body.destroy();
        throw new DomainError(ErrorCode.PayloadTooLarge, `The body is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`);
      }
      chunks.push(buffer);
    }
    return Buffer.concat(chunks).toString('utf8');
  }
  if (typeof body === 'string') return body;
  if (body === undefined || body === null) return '';
  return JSON.stringify(body);
}
