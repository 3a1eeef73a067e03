import type { DatabaseSync, StatementSync } from 'node:sqlite';

/** Lists of ids make many texts; a bounded cache keeps the common ones without growing for good. */
const MAX_CACHED_STATEMENTS = 200;

/** Compiling a statement costs more than running it: the scheduler runs the same few thousands of times. */
export class StatementCache {
  private readonly statements = new Map<string, StatementSync>();

  constructor(private readonly db: DatabaseSync) {}

  get(text: string): StatementSync {
    let statement = this.statements.get(text);
    if (!statement) {
      if (this.statements.size >= MAX_CACHED_STATEMENTS) this.statements.clear();
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }
}
