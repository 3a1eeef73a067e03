import { join, resolve } from 'node:path';
import { build as esbuild } from 'esbuild';
import { type InlineConfig, type Plugin, build as viteBuild } from 'vite';
import electronViteConfig from '../electron.vite.config';

const root = resolve(import.meta.dirname, '..');
const referenceGrid = resolve(root, 'bench/renderer-window/ReferenceGrid.tsx');

/** The in-page probe as one script for `page.addInitScript`. */
export async function buildProbe(): Promise<string> {
  const result = await esbuild({
    entryPoints: [join(root, 'bench/renderer-window/probe.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'chrome120',
    logLevel: 'warning',
  });
  return result.outputFiles[0]?.text ?? '';
}

/**
 * The window built as `npm run build` builds it, except that the Downloads
 * panel gets the bench's non-virtualized grid: the reference the product's
 * list is measured against, with no switch in the product's code.
 */
export async function buildReferenceRenderer(outDir: string): Promise<string> {
  const renderer = (electronViteConfig as unknown as { renderer: InlineConfig }).renderer;
  await viteBuild({
    ...renderer,
    configFile: false,
    logLevel: 'warn',
    root: join(root, 'renderer'),
    plugins: [...(renderer.plugins ?? []), swapDownloadGrid()],
    build: {
      ...renderer.build,
      outDir,
      emptyOutDir: true,
      rolldownOptions: { input: { index: join(root, 'renderer/index.html') } },
    },
  });
  return outDir;
}

function swapDownloadGrid(): Plugin {
  return {
    name: 'ferry-bench-reference-grid',
    enforce: 'pre',
    resolveId(source, importer) {
      return source === './DownloadGrid' && importer?.endsWith('DownloadsPanel.tsx') ? referenceGrid : null;
    },
  };
}
