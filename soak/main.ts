import { soakTable } from './report';
import { runSoak } from './run-soak';
import { fullShape, shortShape } from './workload';

/** `npm run soak` (the full run) or `npm run soak -- --short`; `--seed N` replays another seed. */
const args = process.argv.slice(2);
const shape = args.includes('--short') ? shortShape : fullShape;
const seedAt = args.indexOf('--seed');
const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : shape.seed;

const figures = await runSoak({ ...shape, seed }, (line) => process.stderr.write(`${line}\n`));
process.stdout.write(`${soakTable(figures)}\n`);
for (const problem of figures.problems) process.stdout.write(`problem: ${problem}\n`);
process.exitCode = figures.problems.length > 0 ? 1 : 0;
