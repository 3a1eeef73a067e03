import { EngineError } from './engine-error';

/**
 * Thrown inside a pass when the file on the server is not the one the part
 * holds, or when bytes already written cannot be resumed. Never retried in
 * place: the transfer starts a clean pass from zero, and its message is never
 * shown unless those restarts run out.
 */
export class RestartFromZero extends EngineError {
  /** The broken connection that forced the restart; none when the file changed. */
  readonly broken?: EngineError;

  constructor(broken?: EngineError) {
    super('bad_response', 'The file on the server changed during the download, so it has to start over.');
    this.broken = broken;
  }
}

/** When every restart met yet another version, or broke off again: final, since nothing restarts it any more. */
export function restartsRanOut(host: string, last: RestartFromZero, attempts: number): EngineError {
  if (!last.broken) {
    return new EngineError('bad_response', `${host} keeps changing the file or breaking off. Try again later.`);
  }
  return new EngineError(
    last.broken.code,
    `${last.broken.message} ${host} cannot continue a download where it broke off, so each attempt started over. Ferry gave up after ${attempts} attempts: check your network, then retry.`,
    { cause: last.broken },
  );
}
