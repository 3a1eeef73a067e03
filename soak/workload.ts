import { between, logBetween, seededRandom } from './random';

export type Source = 'direct' | 'echo3d' | 'delos' | 'scenario' | 'cid-store' | 'ipfs-gateway';

export const platformSources: Source[] = ['echo3d', 'delos', 'scenario', 'cid-store', 'ipfs-gateway'];

export interface PlannedDownload {
  id: string;
  source: Source;
  size: number;
  name: string;
  /** The server answers 404 for good: the download must fail as http_4xx. */
  gone: boolean;
}

export interface SizeBand {
  count: number;
  low: number;
  high: number;
}

export interface SoakShape {
  name: string;
  seed: number;
  bands: SizeBand[];
  /** SIGKILLs of `ferry run`, each followed by a restart. */
  kills: number;
  /** More SIGKILLs in the second phase, the IPFS gateway's (see run-soak.ts). */
  gatewayKills: number;
  /** The fewest SIGKILLs in all that make a passing run: the issue asks at least 10 of the full run. */
  requiredKills: number;
  /** Platform fakes hold their files in memory: larger files go to direct links. */
  platformMaxSize: number;
  /** Share of direct links that answer 404 for good. */
  goneShare: number;
}

const KiB = 1024;
const MiB = 1024 * KiB;

/** Mostly small files, some large, a few at 256 MiB: the mix a studio's library has. */
export const fullShape: SoakShape = {
  name: 'full',
  seed: 15,
  bands: [
    { count: 600, low: KiB, high: 64 * KiB },
    { count: 250, low: 64 * KiB, high: MiB },
    { count: 120, low: MiB, high: 16 * MiB },
    { count: 25, low: 16 * MiB, high: 64 * MiB },
    { count: 5, low: 256 * MiB, high: 256 * MiB },
  ],
  kills: 12,
  gatewayKills: 2,
  requiredKills: 10,
  platformMaxSize: 4 * MiB,
  goneShare: 0.02,
};

export const shortShape: SoakShape = {
  name: 'short',
  seed: 15,
  bands: [
    { count: 250, low: KiB, high: 64 * KiB },
    { count: 110, low: 64 * KiB, high: MiB },
    { count: 36, low: MiB, high: 16 * MiB },
    { count: 4, low: 64 * MiB, high: 64 * MiB },
  ],
  kills: 5,
  gatewayKills: 1,
  requiredKills: 3,
  platformMaxSize: 2 * MiB,
  goneShare: 0.03,
};

export function planDownloads(shape: SoakShape): PlannedDownload[] {
  const random = seededRandom(shape.seed);
  const sizes = shape.bands.flatMap((band) =>
    Array.from({ length: band.count }, () =>
      band.low === band.high ? band.low : logBetween(random, band.low, band.high),
    ),
  );
  return sizes.map((size, index) => {
    const onPlatform = size <= shape.platformMaxSize && random() < 0.6;
    const source = onPlatform ? (platformSources[between(random, 0, platformSources.length)] ?? 'echo3d') : 'direct';
    const gone = source === 'direct' && random() < shape.goneShare;
    const id = `${source}-${index}`;
    return { id, source, size, name: `${id}${source === 'scenario' ? '.png' : '.bin'}`, gone };
  });
}

export function bytesNeeded(plan: PlannedDownload[]): number {
  return plan.filter((download) => !download.gone).reduce((sum, download) => sum + download.size, 0);
}
