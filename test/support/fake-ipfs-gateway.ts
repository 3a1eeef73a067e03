import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { CID } from 'multiformats/cid';
import { type Block, carOf, type IpfsContent } from './ipfs-content';
import { type Listening, listenOnLoopback } from './loopback-listener';

/** How the gateway misbehaves for one CID (the root or a path's target). */
export interface GatewayFault {
  /** Flips a byte in the block at this index of the CAR, keeping its CID: data altered on the way. */
  tamperBlock?: number;
  /** Leaves the block at this index out of the CAR. */
  omitBlock?: number;
  /** Answers with this status instead (e.g. 503). */
  status?: number;
  /**
   * Ends the answer cleanly (the last chunk sent, nothing amiss in HTTP) halfway
   * through the block at this index, as a gateway that lost the content's
   * connection does: only the CAR shows it is cut off.
   */
  cutInBlock?: number;
  /** How many requests `status` or `cutInBlock` spoil before the gateway serves; every one when unset. */
  times?: number;
  /** Answers HTML, as a gateway that is not a trustless one does. */
  html?: boolean;
}

export interface GatewayRequest {
  url: string;
  headers: IncomingMessage['headers'];
}

/**
 * A loopback IPFS trustless gateway (the HTTP gateway spec's `format=car`):
 * `GET /ipfs/<cid>[/path]?format=car` answers a CARv1 of the path's blocks and
 * the DAG below, depth first. `/moved/ipfs/…` redirects to the same path on
 * another origin, as gateways that move content do.
 */
export class FakeIpfsGateway {
  readonly requests: GatewayRequest[] = [];
  private readonly contents: IpfsContent[] = [];
  private readonly faults = new Map<string, GatewayFault>();
  private listening!: Listening;
  private readonly server = createServer((request, response) => void this.handle(request, response));
  private port = 0;

  static async start(): Promise<FakeIpfsGateway> {
    const gateway = new FakeIpfsGateway();
    gateway.listening = await listenOnLoopback(gateway.server);
    gateway.port = gateway.listening.port;
    return gateway;
  }

  /** The gateway's address, as `--gateway` takes it. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  serve(content: IpfsContent): void {
    this.contents.push(content);
  }

  /** Misbehaves for requests whose path (after /ipfs/) is this, e.g. a root CID. */
  fault(path: string, fault: GatewayFault): void {
    this.faults.set(path, fault);
  }

  async close(): Promise<void> {
    await this.listening.close();
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    this.requests.push({ url: request.url ?? '/', headers: request.headers });
    const url = new URL(request.url ?? '/', 'http://x');
    if (url.pathname.startsWith('/moved/')) {
      const location = `http://localhost:${this.port}${url.pathname.slice('/moved'.length)}${url.search}`;
      response.writeHead(301, { location }).end();
      return;
    }
    const [rootText = '', ...segments] = url.pathname.replace(/^\/ipfs\//, '').split('/');
    const content = this.contents.find((candidate) => candidate.root.toString() === rootText);
    if (!url.pathname.startsWith('/ipfs/') || !content || url.searchParams.get('format') !== 'car') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const path = segments.map(decodeURIComponent).join('/');
    const fault = this.faults.get(url.pathname.slice('/ipfs/'.length)) ?? {};
    const spoils = (fault.status !== undefined || fault.cutInBlock !== undefined) && (fault.times ?? 1) > 0;
    if (spoils && fault.times !== undefined) fault.times -= 1;
    if (spoils && fault.status) {
      response.writeHead(fault.status, { 'retry-after': '0' }).end('busy');
      return;
    }
    if (fault.html) {
      response.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>IPFS</body></html>');
      return;
    }
    let blocks: Block[];
    try {
      blocks = misbehave(await content.blocksFor(path), fault);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('no link by that name');
      return;
    }
    const root = await content.cidOf(path);
    const car = await carOf(root, blocks);
    response.writeHead(200, { 'content-type': 'application/vnd.ipld.car; version=1' });
    if (spoils && fault.cutInBlock !== undefined) {
      // Written before end(), the body goes chunked, so it ends where the CAR is cut without a broken connection.
      response.write(car.subarray(0, await middleOfBlock(root, blocks, fault.cutInBlock)));
      response.end();
      return;
    }
    response.end(car);
  }
}

/** Where in the CAR the block at `index` is half sent. */
async function middleOfBlock(root: CID, blocks: Block[], index: number): Promise<number> {
  const before = await carOf(root, blocks.slice(0, index));
  const through = await carOf(root, blocks.slice(0, index + 1));
  return Math.floor((before.length + through.length) / 2);
}

function misbehave(blocks: Block[], fault: GatewayFault): Block[] {
  return blocks
    .map((block, index) => {
      if (index !== fault.tamperBlock) return block;
      const bytes = Uint8Array.from(block.bytes);
      bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
      return { cid: block.cid, bytes };
    })
    .filter((_block, index) => index !== fault.omitBlock);
}
