import { describe, expect, it } from 'vitest';
import { downloadDetails } from '../../renderer/components/details/download-details';
import { downloadErrorTitles } from '../../shared/download-errors';
import { download } from './download-fixture';

describe('downloadDetails', () => {
  it('tells a finished file: where it went, its size in both units, its sha256, and that it can be previewed', () => {
    const details = downloadDetails(
      download({ status: 'done', path: '/d/castle.glb', size: 2048, sha256: 'ab12', finishedAt: 1 }),
    );
    expect(details).toMatchObject({
      destination: '/d/castle.glb',
      size: '2 KiB (2048 bytes)',
      sha256: 'ab12',
      verification: null,
      problem: null,
      previewable: true,
    });
    expect(details.status).toMatch(/^Finished /);
  });

  it('says a finished CID download was verified block by block', () => {
    const details = downloadDetails(download({ provider: 'cid', ref: 'cid:bafkqaaa', status: 'done', path: '/d/a' }));
    expect(details.verification).toBe('Verified block by block against its CID.');
    expect(details.previewable).toBe(false);
  });

  it('does not claim a CID download was verified before it is done, nor when it failed', () => {
    const cid = { provider: 'cid', ref: 'cid:bafkqaaa' };
    const failed = download({ ...cid, status: 'failed', error: { code: 'verification', message: 'Block 3 differs.' } });
    expect(downloadDetails(failed).verification).toBeNull();
    expect(downloadDetails(download({ ...cid, status: 'downloading' })).verification).toBeNull();
    expect(downloadDetails(download({ ...cid, status: 'queued' })).verification).toBeNull();
  });

  it('gives a failure its headline and the recorded reason', () => {
    const details = downloadDetails(
      download({ status: 'failed', error: { code: 'http_4xx', message: 'The server answered 404 Not Found.' } }),
    );
    expect(details.status).toBe('Failed.');
    expect(details.problem).toEqual({
      title: downloadErrorTitles.http_4xx,
      message: 'The server answered 404 Not Found.',
    });
  });

  it('previews only a finished image or model that was not unpacked', () => {
    const base = { status: 'done' as const, path: '/d/pic.png' };
    expect(downloadDetails(download(base)).previewable).toBe(true);
    expect(downloadDetails(download({ ...base, unpackedTo: '/d/pic' })).previewable).toBe(false);
    expect(downloadDetails(download({ ...base, status: 'paused' })).previewable).toBe(false);
    expect(downloadDetails(download({ ...base, path: '/d/brief.pdf' })).previewable).toBe(false);
    expect(downloadDetails(download({ status: 'queued' })).destination).toBe('/d (name not known yet)');
  });
});
