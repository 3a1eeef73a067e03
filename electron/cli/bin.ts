import * as nodeModule from 'node:module';

/** Older Node lacks what Ferry is built on (node:sqlite, require of ES modules): say so rather than crash. */
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(
    `ferry: Ferry needs Node 22.12 or newer; this is Node ${process.versions.node}. Install a newer Node, then try again.\n`,
  );
  process.exit(2);
}

/**
 * What `ferry` runs. Every command is a new process, and parsing Ferry and its
 * libraries was most of a short command's time: Node keeps the compiled code
 * in its cache folder (in the temp folder; NODE_DISABLE_COMPILE_CACHE=1 turns
 * it off) from the first run on. Ferry itself is loaded only once that is on.
 */
nodeModule.enableCompileCache?.();
import('./ferry')
  .then(({ main }) => main(process.argv.slice(2)))
  .then((code) => {
    process.exitCode = code;
  });
