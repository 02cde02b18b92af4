/**
 * SQL written with SQLite's named parameters (@now), bound for PostgreSQL's numbered ones ($1): the
 * list filters are shared by both engines (list-sql.ts). A name used twice is one parameter.
 */
export interface PgQuery {
  text: string;
  values: unknown[];
}

const NAME = /@([A-Za-z_][A-Za-z0-9_]*)/g;

/** `sql` with each @name replaced by its number, and the values in that order; a name missing from `params` throws. */
export function named(sql: string, params: Record<string, unknown>): PgQuery {
  const order = new Map<string, number>();
  const values: unknown[] = [];
  const text = sql.replace(NAME, (_m, name: string) => {
    let n = order.get(name);
    if (n === undefined) {
      if (!(name in params)) throw new Error(`no value for the SQL parameter @${name}`);
      values.push(params[name]);
      n = values.length;
      order.set(name, n);
    }
    return `$${n}`;
  });
  return { text, values };
}
