import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { FaultServer } from '../test/support/fault-server';
import { available } from './peers';

export interface BenchServer {
  kind: 'nginx' | 'node';
  /** Base URL serving the data folder at full speed. */
  fast: string;
  /** Base URL serving the same files at 20 MB/s per connection. */
  limited: string;
  stop(): Promise<void>;
}

export const PER_CONNECTION_LIMIT = 20 * 1000 * 1000;

/** nginx from Debian when present (the realistic peer); otherwise Ferry's own loopback test server. */
export async function startBenchServer(dataDir: string, workDir: string): Promise<BenchServer> {
  return (await available('nginx')) ? startNginx(dataDir, workDir) : startNodeServer(dataDir);
}

async function startNginx(dataDir: string, workDir: string): Promise<BenchServer> {
  const port = await freePort();
  const config = join(workDir, 'nginx.conf');
  await writeFile(
    config,
    `${process.getuid?.() === 0 ? 'user root;' : ''}
worker_processes 2;
pid ${workDir}/nginx.pid;
error_log ${workDir}/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  client_body_temp_path ${workDir}/nginx-tmp;
  server {
    listen 127.0.0.1:${port};
    root ${dataDir};
    location /limited/ { alias ${dataDir}/; limit_rate ${PER_CONNECTION_LIMIT}; }
  }
}
`,
  );
  const nginx = spawn('nginx', ['-p', workDir, '-c', config, '-g', 'daemon off;'], { stdio: 'inherit' });
  await waitForPort(port, nginx);
  return {
    kind: 'nginx',
    fast: `http://127.0.0.1:${port}/`,
    limited: `http://127.0.0.1:${port}/limited/`,
    async stop() {
      nginx.kill('SIGQUIT');
      await once(nginx, 'exit');
    },
  };
}

async function startNodeServer(dataDir: string): Promise<BenchServer> {
  const server = await FaultServer.start();
  for (const name of await readdir(dataDir, { recursive: true, encoding: 'utf8' })) {
    if (!name.includes('.')) continue;
    const body = await readFile(join(dataDir, name));
    server.route(`/${name}`, { body, etag: `"${name}"` });
    server.route(`/limited/${name}`, { body, etag: `"${name}"`, bytesPerSecond: PER_CONNECTION_LIMIT });
  }
  return { kind: 'node', fast: server.url('/'), limited: server.url('/limited/'), stop: () => server.close() };
}

async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  probe.close();
  return port;
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) throw new Error('nginx exited at start; see the error log in the bench folder.');
    const response = await fetch(`http://127.0.0.1:${port}/`).catch(() => null);
    if (response) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nginx did not answer on port ${port}.`);
}
