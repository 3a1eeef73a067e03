import { Agent, createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { type Listening, listenOnLoopback } from '../test/support/loopback-listener';
import type { FaultCounts, FaultPlan, RequestFault } from './fault-plan';

export interface ChaosHooks {
  /** Called for a request that resumes a body (Range not from 0); may change the file on the server. */
  onResume?: (path: string) => boolean;
}

const textTypes = /json|text|xml/;

/**
 * A reverse proxy on loopback in front of one server: Ferry only ever talks to it.
 * It throws the plan's faults, counts every body byte it hands Ferry, and rewrites
 * the upstream's port in redirects and API answers so that links a fake hands out
 * come back through the proxy too.
 */
export class ChaosProxy {
  bytesSent = 0;
  private listening!: Listening;
  private readonly agent = new Agent({ keepAlive: false });

  private constructor(
    private readonly upstreamPort: number,
    private readonly plan: FaultPlan,
    private readonly counts: FaultCounts,
    private readonly hooks: ChaosHooks,
  ) {}

  static async start(upstreamPort: number, plan: FaultPlan, counts: FaultCounts, hooks: ChaosHooks = {}) {
    const proxy = new ChaosProxy(upstreamPort, plan, counts, hooks);
    proxy.listening = await listenOnLoopback(createServer((request, response) => proxy.handle(request, response)));
    return proxy;
  }

  get port(): number {
    return this.listening.port;
  }

  async close(): Promise<void> {
    this.agent.destroy();
    await this.listening.close();
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const mayFault = this.plan.mayFault(path);
    const statusFault = mayFault ? this.plan.forHeaders(path, request.method ?? 'GET') : undefined;
    if (statusFault) {
      this.counts.add(statusFault.kind as '429');
      // A few seconds: long enough to be honoured, short enough not to stretch the run.
      const retryAfter = statusFault.kind === '500' ? {} : { 'retry-after': '2' };
      response.writeHead(Number(statusFault.kind), { 'content-type': 'text/plain', ...retryAfter }).end('chaos');
      return;
    }
    const rangeStart = Number(/^bytes=(\d+)-/.exec(request.headers.range ?? '')?.[1] ?? 0);
    if (rangeStart > 0 && this.hooks.onResume?.(path)) this.counts.add('etag change');
    const upstream = httpRequest(
      {
        host: '127.0.0.1',
        port: this.upstreamPort,
        method: request.method,
        path: request.url,
        headers: request.headers,
        agent: this.agent,
      },
      (answer) => this.answer(path, answer, response, mayFault),
    );
    upstream.on('error', () => response.destroy());
    response.on('close', () => upstream.destroy());
    request.pipe(upstream);
  }

  private answer(path: string, answer: IncomingMessage, response: ServerResponse, mayFault: boolean): void {
    const headers = { ...answer.headers };
    if (headers.location) headers.location = this.rewrite(headers.location);
    const type = String(headers['content-type'] ?? '');
    if (textTypes.test(type)) {
      this.answerText(path, answer, response, headers, mayFault);
      return;
    }
    // A chunked body (a CAR) has no length: its fault lands in the first 256 KiB, or not at all if it is shorter.
    const length = Number(headers['content-length'] ?? 0) || 256 * 1024;
    const fault = mayFault ? this.plan.forBody(path, type, length) : undefined;
    response.writeHead(answer.statusCode ?? 502, headers);
    this.stream(answer, response, fault);
  }

  /** Buffered whole, to rewrite links in it; then sent whole, or cut, or held for a moment partway. */
  private answerText(
    path: string,
    answer: IncomingMessage,
    response: ServerResponse,
    headers: IncomingMessage['headers'],
    mayFault: boolean,
  ): void {
    const chunks: Buffer[] = [];
    answer.on('data', (chunk: Buffer) => chunks.push(chunk));
    answer.on('end', () => {
      const body = Buffer.from(this.rewrite(Buffer.concat(chunks).toString()));
      delete headers['transfer-encoding'];
      headers['content-length'] = String(body.length);
      response.writeHead(answer.statusCode ?? 502, headers);
      const fault = mayFault ? this.plan.forText(path, body.length) : undefined;
      if (!fault || !('at' in fault)) {
        this.bytesSent += body.length;
        response.end(body);
        return;
      }
      this.counts.add(fault.kind);
      const head = body.subarray(0, fault.at);
      this.bytesSent += head.length;
      if (fault.kind !== 'stall') {
        response.write(head, () => response.destroy());
        return;
      }
      response.write(head);
      setTimeout(() => {
        this.bytesSent += body.length - head.length;
        response.end(body.subarray(fault.at));
      }, fault.ms);
    });
  }

  private stream(answer: IncomingMessage, response: ServerResponse, fault: RequestFault | undefined): void {
    let sent = 0;
    let stalled = false;
    let draining = false;
    const resume = () => !stalled && !draining && answer.resume();
    answer.on('data', (chunk: Buffer) => {
      if (fault && 'at' in fault && fault.kind !== 'stall' && sent + chunk.length > fault.at) {
        const head = chunk.subarray(0, fault.at - sent);
        this.bytesSent += head.length;
        this.counts.add(fault.kind);
        response.write(head, () => response.destroy());
        answer.destroy();
        return;
      }
      sent += chunk.length;
      this.bytesSent += chunk.length;
      if (!response.write(chunk)) {
        draining = true;
        answer.pause();
        response.once('drain', () => {
          draining = false;
          resume();
        });
      }
      if (fault?.kind === 'stall' && sent > fault.at && !stalled) {
        this.counts.add('stall');
        stalled = true;
        answer.pause();
        const pause = fault.ms;
        fault = undefined;
        setTimeout(() => {
          stalled = false;
          resume();
        }, pause);
      }
    });
    answer.on('end', () => response.end());
    answer.on('error', () => response.destroy());
  }

  private rewrite(text: string): string {
    return text.replace(new RegExp(`(127\\.0\\.0\\.1|localhost):${this.upstreamPort}\\b`, 'g'), `$1:${this.port}`);
  }
}
