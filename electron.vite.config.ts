import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

/**
 * The one inline style the window allows: the <style> element model-viewer (the
 * Details panel's 3D viewer) puts in its shadow root. It is allowed by its hash,
 * taken from the installed package at build time, so an upgrade that changes it
 * keeps working and no other inline style ever runs.
 */
function modelViewerStyleHash(): string {
  const template = readFileSync(createRequire(import.meta.url).resolve('@google/model-viewer/lib/template.js'), 'utf8');
  const css = /<style>([\s\S]*?)<\/style>/.exec(template)?.[1];
  // A backslash or a binding would make the rendered text differ from the source: fail the build, not the viewer.
  if (css === undefined || /[\\`$]/.test(css)) {
    throw new Error("model-viewer's template changed shape: update modelViewerStyleHash in electron.vite.config.ts.");
  }
  return `'sha256-${createHash('sha256').update(css).digest('base64')}'`;
}

/**
 * The renderer may load only its own files: no remote scripts, no inline
 * script, no JavaScript eval, no plugins, no frames. Added to the built page only,
 * because the dev server's hot reload needs an inline script.
 * `blob:` is for the Details panel's previews, which the window builds from
 * bytes the main process read: images show from blob: URLs (img-src), and the
 * 3D viewer fetches its model, and three.js the textures inside it, from blob:
 * URLs (connect-src).
 */
const contentSecurityPolicy = [
  "default-src 'none'",
  // WebAssembly only, never JavaScript eval: three.js's meshopt decoder (inside model-viewer) compiles the wasm
  // it carries in its own bundle when it loads, to open meshopt-compressed GLBs; without this every preview logs a violation.
  "script-src 'self' 'wasm-unsafe-eval'",
  `style-src 'self' ${modelViewerStyleHash()}`,
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self' blob:",
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
      // Every `ferry` command is a new process, and resolving and loading some two hundred package files
      // was half of a short command's start: the libraries are bundled in. The keychain's binding is native
      // code, which no bundle can hold; electron is the runtime's own.
      externalizeDeps: false,
      // The CLI shares the main process's code and runs under plain Node.
      rolldownOptions: {
        external: ['@napi-rs/keyring'],
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
      // model-viewer and three.js (which the OBJ preview's loaders share) load only when a model is first previewed,
      // as chunks of their own; the biggest is about 750 kB.
      chunkSizeWarningLimit: 800,
      rolldownOptions: { input: { index: 'renderer/index.html' } },
    },
  },
});
