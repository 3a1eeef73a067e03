import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { makeTempDir } from '../support/temp-dir';

export interface LoopbackCertificate {
  key: string;
  cert: string;
}

/**
 * A throwaway self-signed certificate for 127.0.0.1 and localhost, made by the
 * openssl tool (node can make keys but not certificates). It lives for one
 * test run and is trusted only by the client a test gives it to.
 */
export async function loopbackCertificate(): Promise<LoopbackCertificate> {
  const folder = await makeTempDir('ferry-tls-');
  try {
    const [key, cert] = [join(folder.path, 'key.pem'), join(folder.path, 'cert.pem')];
    await promisify(execFile)('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ]);
    return { key: await readFile(key, 'utf8'), cert: await readFile(cert, 'utf8') };
  } finally {
    await folder.remove();
  }
}
