/**
 * The numbered, append-only list of migrations. Never edit a released migration: add the next one.
 * Each runs in its own transaction together with the user_version it sets.
 */
import { migration001 } from './001-workspace.js';
import { migration002 } from './002-history.js';
import { migration003 } from './003-price-changes.js';
import { migration004 } from './004-scenarios.js';
import { migration005 } from './005-report-settings.js';
import type { Migration } from './types.js';

export type { Migration } from './types.js';

export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
