import { EngineError } from './engine-error';

/**
 * Thrown inside a pass when the file on the server is not the one the part
 * holds, or when bytes already written cannot be resumed. Never retried in
 * place: the transfer starts a clean pass from zero, and its message is never
 * shown unless those restarts run out.
 */
export class RestartFromZero extends EngineError {
  constructor() {
    super('bad_response', 'The file on the server changed during the download, so it has to start over.');
  }
}

/** When every restart met yet another version, or broke off again: final, since nothing restarts it any more. */
export function restartsRanOut(host: string): EngineError {
  return new EngineError('bad_response', `${host} keeps changing the file or breaking off. Try again later.`);
}
