import type { StateCreator } from 'zustand';
import { errorMessage, type FerryClient } from '../ipc/client';
import type { FerryState, QueuesSlice } from './ferry-state';
import { priorityChanges, queueItems } from './queue-order';

/** The Queues view: which queue is open, and the calls that change queues and what waits in them. */
export function createQueuesSlice(client: FerryClient): StateCreator<FerryState, [], [], QueuesSlice> {
  return (set, get) => {
    /** Runs a call from the view; a refusal shows above it, in the main process's words. */
    async function fromView(call: () => Promise<unknown>): Promise<boolean> {
      try {
        await call();
        set({ queuesError: null });
        return true;
      } catch (error) {
        set({ queuesError: errorMessage(error) });
        return false;
      }
    }

    // A list read before a `queues:changed` arrived would bring back what that event replaced.
    let received = 0;

    return {
      queues: [],
      openQueueId: 1,
      queuesError: null,
      openQueue: (id) => set({ openQueueId: id }),
      dismissQueuesError: () => set({ queuesError: null }),
      async loadQueues() {
        const before = received;
        try {
          const queues = await client.call('queues:list');
          if (received === before) get().receiveQueues(queues);
        } catch (error) {
          set({ queuesError: errorMessage(error) });
        }
      },
      receiveQueues: (queues) => {
        received += 1;
        set((state) => ({
          queues,
          openQueueId: queues.some((queue) => queue.id === state.openQueueId) ? state.openQueueId : 1,
        }));
      },
      async createQueue(name) {
        return fromView(async () => {
          const created = await client.call('queues:create', { name: name.trim(), concurrency: 0 });
          get().receiveQueues([...get().queues.filter((queue) => queue.id !== created.id), created]);
          set({ openQueueId: created.id });
        });
      },
      updateQueue: (id, patch) =>
        fromView(async () => {
          const changed = await client.call('queues:update', { id, patch });
          get().receiveQueues(get().queues.map((queue) => (queue.id === id ? changed : queue)));
        }),
      deleteQueue: (id) =>
        fromView(async () => {
          await client.call('queues:delete', { id });
          get().receiveQueues(get().queues.filter((queue) => queue.id !== id));
        }),
      pickQueueFolder: (id) =>
        fromView(async () => {
          const changed = await client.call('queues:chooseFolder', { id });
          get().receiveQueues(get().queues.map((queue) => (queue.id === id ? changed : queue)));
        }),
      moveToQueue: (ids, queueId) => fromView(() => client.call('downloads:move', { ids, queueId })),
      // The new priorities show at once; the library's own rows follow (`downloads:changed`), or are read back on failure.
      async reorderQueue(queueId, ids) {
        const current = new Map(queueItems(get().downloads, queueId).map((download) => [download.id, download]));
        const changes = priorityChanges(ids.flatMap((id) => current.get(id) ?? []));
        get().receiveDownloads(
          changes.flatMap(({ priority, ids: changed }) =>
            changed.flatMap((id) => {
              const download = current.get(id);
              return download ? [{ ...download, priority }] : [];
            }),
          ),
        );
        const saved = await fromView(async () => {
          for (const change of changes) await client.call('downloads:prioritize', change);
        });
        if (!saved) await get().loadDownloads();
        return saved;
      },
    };
  };
}
