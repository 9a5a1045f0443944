/**
 * Prepared statements, kept per connection: a keystroke's commit runs the same few dozen statements
 * every time, and preparing them again each time (SQLite parses and plans each one: about 20 µs,
 * some 20 statements) took about 0.4 ms of every edit. SQLite prepares a kept statement again by itself if the
 * schema changes under it (a migration), and a closed connection's statements go with it.
 */
import type Sqlite from 'better-sqlite3';
import type { Db } from './connection.js';

const kept = new WeakMap<Db, Map<string, Sqlite.Statement>>();

/** `db.prepare(sql)`, once per connection and text. */
export function prepared(db: Db, sql: string): Sqlite.Statement {
  let byText = kept.get(db);
  if (!byText) kept.set(db, (byText = new Map()));
  let st = byText.get(sql);
  if (!st) byText.set(sql, (st = db.prepare(sql)));
  return st;
}
