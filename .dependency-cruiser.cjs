/**
 * The arrows Ferry's layers may point along, checked by `npm run lint`.
 * renderer -> shared <- electron; inside electron the engine is the floor,
 * providers and the store sit on it, and the services, CLI and IPC on top.
 */
const upperLayers = 'electron/(accounts|archives|cli|desktop|downloads|ipc|previews|providers|settings|store|window)/';

/** The files that may import 'electron': the entry points, the IPC binding, the window and the desktop adapters. */
const electronAdapters = [
  'electron/main.ts',
  'electron/preload.ts',
  'electron/ipc/electron-binding.ts',
  'electron/window/main-window.ts',
  ...[
    'app-menu',
    'clipboard-watch',
    'close-to-tray',
    'deep-links',
    'desktop-presence',
    'login-item',
    'notifications',
    'power',
    'session-end',
    'taskbar-progress',
    'tray',
    'window-pages',
    'window-state',
  ].map((adapter) => `electron/desktop/${adapter}.ts`),
].map((file) => `^${file.replaceAll('.', '\\.')}$`);

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'A cycle, even through types only, means two modules are one concept split in two.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'renderer-only-shared',
      comment: 'The window talks to window.ferry only; it knows nothing of the main process or Node.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^electron/|^node_modules/electron/', dependencyTypesNot: ['npm-no-pkg'] },
    },
    {
      name: 'no-node-in-the-window',
      severity: 'error',
      from: { path: '^(renderer|shared)/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'shared-stands-alone',
      comment: 'shared/ is used by both sides, so it can import neither.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(electron|renderer)/' },
    },
    {
      name: 'engine-is-the-floor',
      comment: 'The engine fetches bytes; it knows nothing of downloads, providers, the library or accounts.',
      severity: 'error',
      from: { path: '^electron/engine/' },
      to: { path: `^${upperLayers}` },
    },
    {
      name: 'providers-below-services',
      comment: 'Providers turn refs into specs; the services hand them accounts, never the other way round.',
      severity: 'error',
      from: { path: '^electron/providers/' },
      to: { path: '^electron/(accounts|cli|downloads|ipc|settings|store)/' },
    },
    {
      name: 'store-below-services',
      severity: 'error',
      from: { path: '^electron/store/' },
      to: { path: '^electron/(accounts|cli|downloads|ipc|providers|settings)/' },
    },
    {
      name: 'electron-at-the-edge',
      comment:
        'Only the thin adapters touch Electron; everything else, every plain model and service beside them ' +
        'included, runs under plain Node (tests, the CLI). A new adapter is added to the list by name.',
      severity: 'error',
      from: { path: '^electron/', pathNot: electronAdapters },
      to: { path: '^node_modules/electron/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // TypeScript 7 has no compiler API yet, so swc parses the sources; it counts type-only imports too.
    parser: 'swc',
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.cjs', '.mjs', '.json'] },
  },
};
