import { describe, expect, it } from 'vitest';
import { downloadRow, downloadRows, formatDuration } from '../../renderer/store/download-rows';
import { splitLinks } from '../../shared/ref-text';
import { download } from './download-fixture';

describe('downloadRows', () => {
  it('lists newest first and names a download from its link until the server names it', () => {
    const rows = downloadRows({ 1: download({ id: 1 }), 2: download({ id: 2, name: 'castle.glb' }) }, {});
    expect(rows.map((row) => [row.id, row.name])).toEqual([
      [2, 'castle.glb'],
      [1, 'castle v2.glb'],
    ]);
  });

  it("names a link by its ?filename= (a gateway link's hint) before the server names it", () => {
    const cid = 'bafybeibtk47padpcfgv6jiwbpoh4hymrmn3dbq2gyqkkdvwd6vbwbjpjxe';
    const rows = downloadRows(
      {
        1: download({ id: 1, ref: `ipfs://${cid}?filename=statue.glb` }),
        2: download({ id: 2, ref: `ipfs://${cid}` }),
      },
      {},
    );
    expect(rows.map((row) => row.name)).toEqual([`ipfs://${cid}`, 'statue.glb']);
  });

  it('shows live progress for a running download, with speed and time left', () => {
    const [row] = downloadRows(
      { 1: download({ status: 'downloading', size: 4 * 1024 ** 2, received: 0 }) },
      { 1: { id: 1, received: 1024 ** 2, size: 4 * 1024 ** 2, speed: 1024 ** 2, eta: 3 } },
    );
    expect(row).toMatchObject({
      received: 1024 ** 2,
      detail: '1 MiB of 4 MiB · 1 MiB/s · 3 s left',
      actions: ['pause', 'cancel'],
    });
  });

  it('ignores stale progress once a download has stopped, and offers what fits each status', () => {
    const rows = downloadRows(
      {
        1: download({ id: 1, status: 'paused', received: 10, size: 100 }),
        2: download({ id: 2, status: 'failed', error: { code: 'http_4xx', message: 'The link expired.' } }),
        3: download({ id: 3, status: 'done', received: 5, size: 5 }),
      },
      { 1: { id: 1, received: 90, size: 100, speed: 5, eta: 2 } },
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(1)).toMatchObject({
      received: 10,
      detail: '10 B of 100 B',
      actions: ['resume', 'cancel'],
      statusLabel: 'Paused',
    });
    expect(byId.get(2)).toMatchObject({ error: 'The link expired.', actions: ['retry', 'cancel'] });
    expect(byId.get(3)?.actions).toEqual([]);
  });

  it('shows an archive being unpacked, then where its contents went', () => {
    const rows = downloadRows(
      {
        1: download({ id: 1, status: 'unpacking', received: 2048, size: 2048 }),
        2: download({ id: 2, status: 'done', received: 2048, size: 2048, unpackedTo: '/d/castle pack' }),
      },
      {},
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(1)).toMatchObject({ statusLabel: 'Unpacking', actions: ['cancel'] });
    expect(byId.get(2)?.detail).toBe('2 KiB · unpacked to castle pack');
  });
});

describe('formatDuration and splitLinks', () => {
  it.each([
    [0.2, '1 s'],
    [59, '59 s'],
    [61, '1 min 1 s'],
    [3725, '1 h 2 min'],
  ])('%d seconds read as %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('splits pasted text on lines and spaces', () => {
    expect(splitLinks('  https://a/1\nhttps://a/2  https://a/3\n\n')).toEqual([
      'https://a/1',
      'https://a/2',
      'https://a/3',
    ]);
    expect(splitLinks(' \n ')).toEqual([]);
  });
});

describe('what a row says it is doing', () => {
  const report = { id: 1, received: 400, size: 1000, speed: 100, eta: 6 };

  it('names what a waiting download waits for', () => {
    const converting = download({ status: 'waiting', waitingFor: 'converting to GLB', provider: 'echo3d' });
    expect(downloadRow(converting, undefined).statusLabel).toBe('Waiting: converting to GLB');
    expect(downloadRow(download({ status: 'waiting' }), undefined).statusLabel).toBe('Waiting for the server');
  });

  it('says a CID from the gateways is verified against its CID while its blocks arrive', () => {
    const cid = download({ status: 'downloading', provider: 'cid', ref: 'ipfs://bafyroot' });
    expect(downloadRow(cid, { ...report, verifyingCid: true }).statusLabel).toBe('Verifying against its CID');
    expect(downloadRow(cid, { ...report, verifyingCid: true }).detail).toContain('of');
    expect(downloadRow(cid, report).statusLabel).toBe('Downloading');
    const paused = download({ status: 'paused', provider: 'cid' });
    expect(downloadRow(paused, { ...report, verifyingCid: true }).statusLabel).toBe('Paused');
  });
});
