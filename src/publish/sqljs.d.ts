// The part of sql.js (SQLite compiled to WebAssembly, no types of its own) that src/publish/sqlite.ts uses.
declare module 'sql.js' {
  type SqlValue = string | number | null | Uint8Array;
  interface Statement {
    run(values?: SqlValue[]): void;
    free(): boolean;
  }
  interface QueryResult {
    columns: string[];
    values: SqlValue[][];
  }
  interface Database {
    run(sql: string, values?: SqlValue[]): Database;
    exec(sql: string): QueryResult[];
    prepare(sql: string): Statement;
    export(): Uint8Array;
    close(): void;
  }
  interface SqlJsStatic {
    Database: new (data?: Uint8Array) => Database;
  }
  export default function initSqlJs(config?: Record<string, unknown>): Promise<SqlJsStatic>;
  export type { Database, QueryResult, SqlJsStatic, SqlValue, Statement };
}
