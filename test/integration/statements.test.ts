/**
 * Kept prepared statements (electron/store/statements.ts): one per connection and text, and still
 * right after the schema changes under them, as a migration does.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { prepared } from '../../electron/store/statements.js';

describe('prepared statements kept per connection', () => {
  it('gives the same statement for the same text on one connection, another on another connection', () => {
    const a = new Database(':memory:');
    const b = new Database(':memory:');
    a.exec('CREATE TABLE t (x INTEGER)');
    b.exec('CREATE TABLE t (x INTEGER)');
    expect(prepared(a, 'SELECT count(*) AS n FROM t')).toBe(prepared(a, 'SELECT count(*) AS n FROM t'));
    expect(prepared(a, 'SELECT count(*) AS n FROM t')).not.toBe(prepared(b, 'SELECT count(*) AS n FROM t'));
    prepared(a, 'INSERT INTO t (x) VALUES (?)').run(1);
    prepared(a, 'INSERT INTO t (x) VALUES (?)').run(2);
    expect(prepared(a, 'SELECT count(*) AS n FROM t').get()).toEqual({ n: 2 });
    expect(prepared(b, 'SELECT count(*) AS n FROM t').get()).toEqual({ n: 0 });
    a.close();
    b.close();
  });

  it('reads the new schema after a column is added under a kept statement', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (x INTEGER)');
    prepared(db, 'INSERT INTO t (x) VALUES (?)').run(7);
    expect(prepared(db, 'SELECT * FROM t').get()).toEqual({ x: 7 });
    db.exec("ALTER TABLE t ADD COLUMN y TEXT NOT NULL DEFAULT 'new'");
    expect(prepared(db, 'SELECT * FROM t').get()).toEqual({ x: 7, y: 'new' });
    db.close();
  });
});
