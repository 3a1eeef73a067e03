import { join } from 'node:path';
import { PER_CONNECTION_LIMIT } from './bench-server';
import { type Case, command, type Tool } from './tools';
import { expectFiles, expectSize, type TransferContext } from './transfer-cases';

const MiB = 1024 * 1024;

/** The bench's own scripts, built to plain JavaScript so their timings include a node start and nothing else. */
export interface Scripts {
  ferry: string;
  unpack: string;
  undiciRead: string;
  library: string;
  service: string;
}

function engine(scripts: Scripts, args: string[]): Tool {
  return command('engine', process.execPath, (out) => [scripts.ferry, '--dir', out, ...args]);
}

/**
 * Ferry's engine alone, without the library and scheduler around it: the
 * floor the product rows should approach, and the Node + undici floor under that.
 */
export function engineCases(bench: TransferContext, scripts: Scripts, smallList: string): Case[] {
  return [
    {
      title: '1 GiB, one connection',
      target: 'floor for `ferry get`',
      verify: (out) => expectSize(join(out, 'big.bin'), 1024 * MiB),
      tools: [engine(scripts, ['--connections', '1', `${bench.fast}big.bin`])],
    },
    {
      title: '1 GiB, one connection, read and discarded',
      target: 'the Node + undici floor, against curl to /dev/null',
      verify: async () => undefined,
      tools: [
        command('undici read-only', process.execPath, () => [scripts.undiciRead, `${bench.fast}big.bin`]),
        command('curl to /dev/null', 'curl', () => ['-sS', '--fail', '-o', '/dev/null', `${bench.fast}big.bin`]),
      ],
    },
    {
      title: `256 MiB, ${PER_CONNECTION_LIMIT / 1e6} MB/s per connection, 8 connections`,
      target: 'floor for `ferry get`',
      verify: (out) => expectSize(join(out, 'mid.bin'), 256 * MiB),
      tools: [engine(scripts, ['--connections', '8', `${bench.limited}mid.bin`])],
    },
    {
      title: `${bench.smallCount} files of 100 KB, 16 at a time`,
      target: 'floor for `ferry get`',
      verify: (out) => expectFiles(out, bench.smallCount),
      tools: [engine(scripts, ['--parallel', '16', '--list', smallList])],
    },
  ];
}

/** Unpacking as a person would rely on it: every peer ends with `sync`, as Ferry flushes every file. */
export function unpackCases(scripts: Scripts, data: string): Case[] {
  const durable = (line: string) => (out: string) => ['-c', `${line.replaceAll('OUT', `"${out}"`)} && sync`];
  const unpack = (archive: string) =>
    command('Ferry', process.execPath, (out) => [scripts.unpack, '--dir', out, join(data, archive)]);
  return [
    {
      title: 'unpack a ZIP of 2,000 files of 4 to 64 KB',
      target: 'reference: Info-ZIP unzip + sync',
      verify: (out) => expectFiles(join(out, 'textures'), 2000),
      tools: [unpack('pack.zip'), command('unzip+sync', 'sh', durable(`unzip -q "${join(data, 'pack.zip')}" -d OUT`))],
    },
    {
      title: 'unpack a 256 MiB gzip TAR',
      target: 'reference: GNU tar + sync',
      verify: (out) => expectSize(join(out, 'mid.bin'), 256 * MiB),
      tools: [
        unpack('model.tar.gz'),
        command('tar+sync', 'sh', durable(`tar -xzf "${join(data, 'model.tar.gz')}" -C OUT`)),
      ],
    },
  ];
}
