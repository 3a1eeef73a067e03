import { describe, expect, it } from 'vitest';
import { applyControl } from '../../electron/downloads/download-controls';
import { withLibrary } from '../support/with-library';

const library = withLibrary('ferry-retry-');

describe('retrying a download that failed on the disk', () => {
  it('queues it again with the bytes already written, as its message promises; canceling forgets them', async () => {
    const { store } = library;
    const id = store.add({ ref: 'https://example.com/big.bin', directory: '/downloads' }).id;
    const state = { fileName: 'big.bin', size: 1000, etag: '"b"', ranges: [{ start: 600, end: 1000 }] };
    store.resume.record(id, state, 600);
    store.fail(id, { code: 'disk_full', message: 'The disk is full, so Ferry stopped writing big.bin.' });

    expect(await applyControl(store, 'retry', [id])).toBe(1);
    expect(store.get(id)?.status).toBe('queued');
    expect(store.resume.of(id)).toEqual(state);

    await applyControl(store, 'cancel', [id]);
    expect(store.resume.of(id)).toBeUndefined();
  });
});
