/** The slice of `console` services log through, so tests can capture it. */
export type Logger = Pick<Console, 'warn' | 'error'>;
