import type { Socket } from 'node:net';
import { buildConnector } from 'undici';

/** The code a reset reaches undici with: undici takes a plain ECONNRESET for a clean end, see below. */
export const CONNECTION_RESET = 'FERRY_CONNECTION_RESET';

class ConnectionReset extends Error {
  readonly code = CONNECTION_RESET;

  constructor(reset: unknown) {
    super('The connection was reset (ECONNRESET).', { cause: reset });
  }
}

/**
 * A connector that reports a reset connection as the failure it is. undici
 * ends a body framed by the connection's close (no Content-Length, not
 * chunked, HTTP/1.0) as complete when the connection is reset (ECONNRESET),
 * because macOS resets sockets after some complete answers. A reset is no end:
 * the server gave up, and the kernel drops what it had not yet delivered, so
 * curl calls it an error and so does Ferry. The error reaches undici under
 * another code, which undici passes on to the body as a failure.
 */
export function resetAwareConnector(options: buildConnector.BuildOptions): buildConnector.connector {
  const connect = buildConnector(options);
  return (connectOptions, callback) =>
    connect(connectOptions, (error, socket) => {
      if (socket) reportResetsAsFailures(socket);
      (callback as (error: Error | null, socket: Socket | null) => void)(error, socket);
    });
}

type Emit = (this: Socket, event: string | symbol, ...args: unknown[]) => boolean;

function reportResetsAsFailures(socket: Socket): void {
  const emit = socket.emit as Emit;
  socket.emit = function (this: Socket, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'error' && (args[0] as { code?: unknown } | undefined)?.code === 'ECONNRESET') {
      return emit.call(this, 'error', new ConnectionReset(args[0]));
    }
    return emit.call(this, event, ...args);
  } as Socket['emit'];
}
