import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { sha256 } from 'multiformats/hashes/sha2';
import { FakeCidStore } from '../test/support/fake-cid-store';
import { FakeIpfsGateway } from '../test/support/fake-ipfs-gateway';
import { IpfsContent } from '../test/support/ipfs-content';
import type { PlannedDownload } from './workload';

export const cidAccount = { login: 'soak@example.com', password: 'soak-cid-PASS' };

export interface CidSources {
  store: FakeCidStore;
  gateway: FakeIpfsGateway;
  ref(download: PlannedDownload): string;
  /** TARs and CARs answered cut short with a clean end (each planned for one first answer). */
  cutArchives(): number;
  close(): Promise<void>;
}

/**
 * The CID store answers TARs (Kubo's `get`) for raw CIDs of the files; the gateway
 * answers CARs of a UnixFS DAG, verified block by block. Both cut some answers short
 * cleanly, where only the archive itself shows it.
 */
export async function startCidSources(
  downloads: PlannedDownload[],
  body: (download: PlannedDownload) => Buffer,
  cutShare: number,
  random: () => number,
): Promise<CidSources> {
  const store = await FakeCidStore.start(cidAccount.login, cidAccount.password, 'soak-cid-STATIC');
  const gateway = await FakeIpfsGateway.start();
  const refs = new Map<string, string>();
  const cut: Array<() => boolean> = [];
  for (const download of downloads) {
    const bytes = body(download);
    const cutThisOne = random() < cutShare;
    if (download.source === 'cid-store') {
      const cid = CID.createV1(raw.code, await sha256.digest(bytes)).toString();
      refs.set(download.id, `cid:${cid}`);
      store.reply(cid, { kind: 'tar', entries: [{ path: download.name, body: bytes }] });
      if (cutThisOne) store.fault(cid, { kind: 'cut-tar', times: 1 });
      if (cutThisOne) cut.push(() => store.gets().some((get) => get.url.includes(cid)));
    } else if (download.source === 'ipfs-gateway') {
      const content = await IpfsContent.build([{ path: download.name, content: bytes }]);
      const cid = content.root.toString();
      gateway.serve(content);
      refs.set(download.id, `cid:${cid}?filename=${download.name}`);
      if (cutThisOne) gateway.fault(cid, { cutInBlock: 0, times: 1 });
      if (cutThisOne) cut.push(() => gateway.requests.some((request) => request.url.includes(cid)));
    }
  }
  return {
    store,
    gateway,
    ref: (download) => refs.get(download.id) ?? '',
    cutArchives: () => cut.filter((served) => served()).length,
    close: async () => {
      await store.close();
      await gateway.close();
    },
  };
}
