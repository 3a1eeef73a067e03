import { CarWriter } from '@ipld/car';
import { MemoryBlockstore } from 'blockstore-core/memory';
import { exporter, type UnixFSEntry } from 'ipfs-unixfs-exporter';
import { importer } from 'ipfs-unixfs-importer';
import type { CID } from 'multiformats/cid';

export interface ContentFile {
  /** `a.bin`, or `photos/cat.png` inside a folder. */
  path: string;
  content: Uint8Array;
}

export interface Block {
  cid: CID;
  bytes: Uint8Array;
}

/** UnixFS content as IPFS would store it: its root CID and every block, to serve from a fake gateway or store. */
export class IpfsContent {
  private constructor(
    readonly root: CID,
    private readonly blocks: MemoryBlockstore,
  ) {}

  /**
   * One file (a single entry without a folder), or a folder holding them all.
   * `version` 0 gives Qm… CIDs with dag-pb leaves, 1 gives bafy… CIDs with raw leaves.
   */
  static async build(files: ContentFile[], version: 0 | 1 = 1): Promise<IpfsContent> {
    const blocks = new MemoryBlockstore();
    const options = {
      cidVersion: version,
      rawLeaves: version === 1,
      wrapWithDirectory: files.length > 1 || files.some((file) => file.path.includes('/')),
      chunker: undefined,
    };
    let root: CID | undefined;
    for await (const entry of importer(files, blocks, options)) root = entry.cid;
    if (!root) throw new Error('nothing imported');
    return new IpfsContent(root, blocks);
  }

  /** The CID of a path inside the content, '' for the root. */
  async cidOf(path: string): Promise<CID> {
    return (await exporter(path ? `${this.root}/${path}` : this.root, this.blocks)).cid;
  }

  /**
   * The blocks a trustless gateway sends for `<root>/<path>` with `dag-scope=all`:
   * the blocks along the path, then the whole DAG below it, depth first.
   */
  async blocksFor(path: string): Promise<Block[]> {
    const order: Block[] = [];
    const seen = new Set<string>();
    const recording = {
      get: (cid: CID, options?: { signal?: AbortSignal }) => {
        if (!seen.has(cid.toString())) {
          seen.add(cid.toString());
          order.push({ cid, bytes: this.blockBytes(cid) });
        }
        return this.blocks.get(cid, options);
      },
    };
    // One block at a time: the exporter then asks for them in depth-first order.
    const visit = async (entry: UnixFSEntry): Promise<void> => {
      if (entry.type === 'directory') {
        for await (const child of entry.entries()) await visit(await exporter(child.cid, recording));
      } else if ('content' in entry) {
        for await (const _chunk of entry.content({ blockReadConcurrency: 1 })) {
          // Only the blocks read matter.
        }
      }
    };
    await visit(await exporter(path ? `${this.root}/${path}` : this.root, recording));
    return order;
  }

  private blockBytes(cid: CID): Uint8Array {
    const chunks = [...(this.blocks.get(cid) as Iterable<Uint8Array>)];
    return Buffer.concat(chunks);
  }
}

/** A CARv1 of the blocks in the order given, whose root is `root`. */
export async function carOf(root: CID, blocks: Block[]): Promise<Buffer> {
  const { writer, out } = CarWriter.create([root]);
  const collected = (async () => {
    const chunks: Uint8Array[] = [];
    for await (const chunk of out) chunks.push(chunk);
    return Buffer.concat(chunks);
  })();
  for (const block of blocks) await writer.put(block);
  await writer.close();
  return collected;
}
