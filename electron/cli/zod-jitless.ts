/**
 * `tco` validates one document and exits: zod's compiled fast paths (one `new Function` per object
 * schema, compiled afresh at every start, never in V8's code cache) cost more than they save there.
 * Imported first by run.ts, so the setting is in place before any schema is built. The app (the
 * window, the browser host) keeps them: it parses edit after edit.
 */
import { config } from 'zod';

config({ jitless: true });
