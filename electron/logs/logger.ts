/** The levels Ferry logs at, least to most serious. */
const logLevels = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof logLevels)[number];

/** What services log through: console fits it, and so do Ferry's logger and the tests' capture. */
export type Logger = Pick<Console, LogLevel>;

export function isAtLeast(level: LogLevel, threshold: LogLevel): boolean {
  return logLevels.indexOf(level) >= logLevels.indexOf(threshold);
}
