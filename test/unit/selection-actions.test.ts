import { describe, expect, it } from 'vitest';
import { keyboardRetry, offeredActions } from '../../renderer/store/selection-actions';
import { download } from './download-fixture';

describe('offeredActions', () => {
  it('offers only what the state machine allows, each for the downloads it fits', () => {
    const offered = offeredActions([
      download({ id: 1, status: 'downloading' }),
      download({ id: 2, status: 'paused' }),
      download({ id: 3, status: 'failed' }),
    ]);
    expect(offered).toEqual([
      { action: 'resume', ids: [2] },
      { action: 'pause', ids: [1] },
      { action: 'retry', ids: [3] },
      { action: 'cancel', ids: [1, 2, 3] },
      { action: 'remove', ids: [2, 3] },
    ]);
  });

  it('offers open and show in folder for one finished download, and nothing to control', () => {
    expect(offeredActions([download({ id: 7, status: 'done' })]).map((offer) => offer.action)).toEqual([
      'remove',
      'open',
      'showInFolder',
    ]);
    const two = offeredActions([download({ id: 7, status: 'done' }), download({ id: 8, status: 'done' })]);
    expect(two).toEqual([{ action: 'remove', ids: [7, 8] }]);
  });

  it('offers no remove while everything selected is busy, and nothing for an empty selection', () => {
    const busy = offeredActions([download({ id: 1, status: 'unpacking' })]).map((offer) => offer.action);
    expect(busy).toEqual(['cancel']);
    expect(offeredActions([])).toEqual([]);
  });
});

describe('keyboardRetry', () => {
  it('retries a failed or canceled download and says so by name', () => {
    const failed = download({ id: 3, status: 'failed', name: 'castle.glb' });
    expect(keyboardRetry(failed)).toEqual({ retry: true, notice: 'Retrying castle.glb' });
    expect(keyboardRetry({ ...failed, status: 'canceled' }).retry).toBe(true);
  });

  it('leaves any other download alone and says why, or what to do with none focused', () => {
    expect(keyboardRetry(download({ status: 'downloading', name: 'castle.glb' }))).toEqual({
      retry: false,
      notice: 'castle.glb cannot be retried: only failed or canceled downloads can.',
    });
    expect(keyboardRetry(undefined)).toEqual({
      retry: false,
      notice: 'Move to a failed download first, then press R to retry it.',
    });
  });
});
