import { PartFile } from './part-file';
import { hasValidator, type Validator } from './response-metadata';
import { presentRanges, SegmentPlan } from './segments';
import type { ResumeState } from './transfer-types';

/** A part left by an earlier run; `trusted` only when its bytes may be continued. */
export interface ReopenedPart {
  part: PartFile;
  trusted?: { size: number | null; validator: Validator; plan: SegmentPlan };
}

/**
 * A resumed transfer continues in its part. If the part is gone (null), shorter
 * than the state claims, or the state has no validator to prove the server's
 * file is the same one, the part is reused but refilled from zero.
 */
export async function reopenPart(directory: string, resume: ResumeState): Promise<ReopenedPart | null> {
  const part = await PartFile.reopen(directory, resume.fileName);
  if (!part) return null;
  const validator = { etag: resume.etag, lastModified: resume.lastModified };
  const present = presentRanges(resume.ranges, resume.size);
  const intact = (await part.size()) >= (present.at(-1)?.end ?? 0);
  if (!intact || !hasValidator(validator)) return { part };
  // No hash state survives a run: the bytes kept are hashed by reading them back once.
  part.alreadyWritten(present);
  return { part, trusted: { size: resume.size, validator, plan: SegmentPlan.fromRanges(resume.ranges) } };
}
