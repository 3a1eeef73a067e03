import { enableCompileCache } from 'node:module';

/**
 * What `ferry` runs. Every command is a new process, and parsing Ferry and its
 * libraries was most of a short command's time: Node keeps the compiled code
 * in its cache folder (in the temp folder; NODE_DISABLE_COMPILE_CACHE=1 turns
 * it off) from the first run on. Ferry itself is loaded only once that is on.
 */
enableCompileCache();
import('./ferry')
  .then(({ main }) => main(process.argv.slice(2)))
  .then((code) => {
    process.exitCode = code;
  });
