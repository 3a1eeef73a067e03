import { formatBytes } from '../../../shared/format';
import { formatDuration } from '../../store/download-rows';
import { downloadTotals, sparklinePoints } from '../../store/download-totals';
import { useFerry } from '../../store/store-context';

const SPARK_WIDTH = 120;
const SPARK_HEIGHT = 24;

/** What is running overall: how many, how fast, how long until all is in, and the last minute's speed. */
export function TotalsBar() {
  const totals = downloadTotals(useFerry((state) => state.totals));
  const samples = useFerry((state) => state.speedSamples);
  return (
    <div className="totals-bar">
      <span className="totals-active">{totals.active} active</span>
      <span className="totals-speed">{`${formatBytes(totals.speed)}/s`}</span>
      <span className="totals-left">
        {totals.secondsLeft === null ? '' : `${formatDuration(totals.secondsLeft)} left`}
      </span>
      <svg
        className="speed-sparkline"
        role="img"
        aria-label="Overall speed over the last minute"
        width={SPARK_WIDTH}
        height={SPARK_HEIGHT}
        viewBox={`0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}`}
      >
        <line className="sparkline-base" x1={0} y1={SPARK_HEIGHT - 1} x2={SPARK_WIDTH} y2={SPARK_HEIGHT - 1} />
        <polyline points={sparklinePoints(samples, SPARK_WIDTH, SPARK_HEIGHT - 2)} />
      </svg>
    </div>
  );
}
