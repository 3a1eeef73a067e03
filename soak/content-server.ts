import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type Listening, listenOnLoopback } from '../test/support/loopback-listener';
import { contentChunks, contentKey } from './content';

export interface ServedFile {
  name: string;
  size: number;
  /** Answers 404 for good: a permanent failure the soak expects to see named as such. */
  gone?: boolean;
}

/**
 * The direct links' origin: /f/<id> serves a generated body with ranges and an ETag
 * per version. `changeVersion` is how the chaos layer makes a file change on the server.
 */
export class ContentServer {
  private readonly versions = new Map<string, number>();
  private listening!: Listening;

  private constructor(
    private readonly seed: number,
    private readonly files: Map<string, ServedFile>,
  ) {}

  static async start(seed: number, files: Map<string, ServedFile>): Promise<ContentServer> {
    const server = new ContentServer(seed, files);
    server.listening = await listenOnLoopback(createServer((request, response) => server.handle(request, response)));
    return server;
  }

  get port(): number {
    return this.listening.port;
  }

  version(id: string): number {
    return this.versions.get(id) ?? 0;
  }

  changeVersion(id: string): void {
    this.versions.set(id, this.version(id) + 1);
  }

  close(): Promise<void> {
    return this.listening.close();
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const id = /^\/f\/([\w-]+)$/.exec(new URL(request.url ?? '/', 'http://x').pathname)?.[1] ?? '';
    const file = this.files.get(id);
    if (!file || file.gone) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('no such file');
      return;
    }
    const etag = `"${id}-v${this.version(id)}"`;
    const range = requestedRange(request, etag, file.size);
    const headers: Record<string, string> = {
      etag,
      'accept-ranges': 'bytes',
      'content-type': 'application/octet-stream',
      'content-disposition': `attachment; filename="${file.name}"`,
    };
    const start = range?.start ?? 0;
    const end = range?.end ?? file.size - 1;
    if (range) headers['content-range'] = `bytes ${start}-${end}/${file.size}`;
    headers['content-length'] = String(end + 1 - start);
    response.writeHead(range ? 206 : 200, headers);
    if (request.method === 'HEAD' || file.size === 0) {
      response.end();
      return;
    }
    pump(response, contentChunks(contentKey(this.seed, id, this.version(id)), start, end));
  }
}

function requestedRange(request: IncomingMessage, etag: string, size: number) {
  const match = /^bytes=(\d+)-(\d*)$/.exec(request.headers.range ?? '');
  if (!match) return undefined;
  const ifRange = request.headers['if-range'];
  if (ifRange && ifRange !== etag) return undefined;
  const start = Number(match[1]);
  const end = match[2] ? Math.min(Number(match[2]), size - 1) : size - 1;
  return start < size && start <= end ? { start, end } : undefined;
}

/** Writes with backpressure, so a slow reader never makes the server hold a whole file. */
function pump(response: ServerResponse, chunks: Generator<Buffer>): void {
  const next = (): void => {
    for (let step = chunks.next(); !step.done; step = chunks.next()) {
      if (response.destroyed) return;
      if (!response.write(step.value)) {
        response.once('drain', next);
        return;
      }
    }
    response.end();
  };
  response.on('close', () => chunks.return(undefined));
  next();
}
