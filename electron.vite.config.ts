import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

/**
 * The renderer may load only its own files: no remote scripts, no inline
 * script or style, no eval, no plugins, no frames. Added to the built page only,
 * because the dev server's hot reload needs an inline script.
 */
const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'ferry-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy },
        injectTo: 'head-prepend',
      },
    ],
  };
}

/** Sandboxed preloads must be CommonJS; main follows so both load the same way in tests. */
const commonJs = { format: 'cjs', entryFileNames: '[name].cjs' } as const;

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // @ipld/car exports for `import` only, which require() cannot load from a CommonJS bundle: it is bundled in.
      externalizeDeps: { exclude: ['@ipld/car'] },
      // The CLI shares the main process's code and runs under plain Node.
      rolldownOptions: {
        input: { index: 'electron/main.ts', cli: 'electron/cli/bin.ts' },
        // The CLI is package.json's bin: `npx ferry` and `npm link` run it directly.
        output: { ...commonJs, banner: (chunk) => (chunk.name === 'cli' ? '#!/usr/bin/env node' : '') },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require nothing but electron: bundle everything else.
      externalizeDeps: false,
      rolldownOptions: { input: { index: 'electron/preload.ts' }, output: commonJs },
    },
  },
  renderer: {
    root: 'renderer',
    base: './',
    plugins: [react(), contentSecurityPolicyMeta()],
    build: {
      outDir: 'out/renderer',
      // electron-vite leaves code unminified; the renderer parses faster at start-up minified.
      minify: true,
      rolldownOptions: { input: { index: 'renderer/index.html' } },
    },
  },
});
