import type { Download } from '../../shared/downloads';

/** A download as the library keeps it, queued and nameless unless told otherwise. */
export function download(overrides: Partial<Download>): Download {
  return {
    id: 1,
    queueId: 1,
    accountId: null,
    provider: 'http',
    ref: 'https://cdn.example.com/models/castle%20v2.glb',
    status: 'queued',
    waitingFor: null,
    name: null,
    path: null,
    directory: '/d',
    size: null,
    received: 0,
    error: null,
    priority: 0,
    connections: null,
    speedLimit: null,
    createdAt: 0,
    finishedAt: null,
    sha256: null,
    unpack: false,
    unpackedTo: null,
    ...overrides,
  };
}
