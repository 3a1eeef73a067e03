import { open, readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { formatBytes } from '../../../shared/format';
import { writeFileAtomic } from '../../fs/atomic-write';
import type { PostProcessStep } from '../provider';
import { isEnvelopeHead } from './delos-probe';

/** Envelopes carry small documents; past this the whole-file decode would cost too much memory. */
const MAX_ENVELOPE_BYTES = 64 * 1024 * 1024;
const ENVELOPE_KEYS = new Set(['contentType', 'data', 'extensions']);

/**
 * Ferry asks Delos for the raw file (`Accept: *\/*`), but a server may still
 * answer `{contentType, data}` with the file in base64. The engine fetches
 * whatever comes (with its retries, resume and progress), and this step then
 * decodes an envelope in place: the same name (the provider gave it the
 * extension of the type inside), the file's bytes. Resolving only sees the
 * envelope's first bytes, so the check is made here on the finished file; a
 * file that is not an envelope is left as it is. Decoding writes a sibling and
 * renames it over the envelope, so a crash leaves one or the other, and a
 * second run finds the decoded file and does nothing.
 */
export const decodeEnvelopeStep: PostProcessStep = async (file, signal) => {
  if (!isEnvelopeHead(await head(file))) return null;
  const { size, mode } = await stat(file);
  if (size > MAX_ENVELOPE_BYTES) {
    throw new Error(
      `Delos sent ${basename(file)} as base64 inside JSON (${formatBytes(size)}), more than the ${formatBytes(MAX_ENVELOPE_BYTES)} Ferry decodes; the JSON is kept as it came.`,
    );
  }
  const envelope = readEnvelope(await readFile(file, 'utf8'));
  if (!envelope) return null;
  signal.throwIfAborted();
  // A sibling, flushed, renamed over the file: a crash leaves the JSON or the decoded file, never half of one.
  await writeFileAtomic(file, envelope, mode & 0o777);
  return { path: file };
};

/** The file inside, when the text is exactly an envelope with valid base64; null for any other JSON. */
function readEnvelope(text: string): Buffer | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const { contentType, data } = parsed as { contentType?: unknown; data?: unknown };
  if (typeof contentType !== 'string' || typeof data !== 'string') return null;
  if (Object.keys(parsed).some((key) => !ENVELOPE_KEYS.has(key))) return null;
  const base64 = data.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(base64)) {
    throw new Error(`Delos sent the file as JSON whose data is not base64, so Ferry cannot decode it.`);
  }
  return Buffer.from(base64, 'base64');
}

async function head(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(64);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}
