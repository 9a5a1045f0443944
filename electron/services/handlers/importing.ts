/** Pilot imports: the formats, the preview and trial of a mapping, the import itself (an edit like any other), its progress and cancel. */
import { statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { canonicalDocument, readDocument, type WorkspaceDocument } from '../../api/document.js';
import { OperationError } from '../../api/errors.js';
import { routeKey } from '../../engine/routes.js';
import type { Channel } from '../../engine/types.js';
import type { ColumnMapping } from '../../import/index.js';
import { importer, type Importer } from '../importer.js';
import { type Context, type HandlerTable } from './context.js';

export function importingHandlers(ctx: Context): HandlerTable<'import' | 'import.formats' | 'import.preview' | 'import.savePreset' | 'import.removePreset' | 'import.progress' | 'import.cancel'> {
  const { options, now, analyses, presets, imports, adopt, session, state } = ctx;
  /** The format and mapping an import or preview uses: a built-in or saved format, or a mapping of the caller's. */
  const importFormat = async (
    { checkMapping, ImportError }: Importer,
    i: {
      format?: string | undefined;
      mapping?: unknown;
      kind?: 'csv' | 'jsonl' | undefined;
    },
  ): Promise<{ format: string | undefined; mapping: ColumnMapping | undefined; kind: 'csv' | 'jsonl' | undefined }> => {
    if (i.mapping !== undefined) {
      let mapping: ColumnMapping;
      try {
        mapping = checkMapping(i.mapping, 'mapping');
      } catch (e) {
        if (e instanceof ImportError) {
          const path = `$.${e.field ?? 'mapping'}`;
          throw new OperationError('INVALID_INPUT', `${path}: ${e.detail}`, { path, field: (e.field ?? 'mapping').split('.').at(-1)! });
        }
        throw e;
      }
      const kind = i.kind ?? (i.format !== undefined ? (await presets.find(i.format))?.kind : undefined);
      // The importer reads a caller's mapping by the kind its format name ends in.
      return { format: kind === 'jsonl' ? 'custom-jsonl' : 'custom-csv', mapping, kind: kind ?? 'csv' };
    }
    if (i.format === undefined) return { format: undefined, mapping: undefined, kind: i.kind };
    const f = await presets.find(i.format);
    if (!f)
      throw new OperationError('INVALID_INPUT', `$.format: unknown format ${JSON.stringify(i.format)} (formats: ${(await presets.list()).map((x) => x.name).join(', ')})`, {
        path: '$.format',
        field: 'format',
      });
    return f.builtIn ? { format: f.name, mapping: undefined, kind: f.kind } : { format: f.kind === 'jsonl' ? 'custom-jsonl' : 'custom-csv', mapping: f.mapping, kind: f.kind };
  };

  /** Why a mapping built on screen cannot be tried yet, in the screen's words (never the mapping's keys). */
  const mappingInWords = ({ checkMapping, ImportError }: Importer, m: unknown): string => {
    try {
      checkMapping(m, 'mapping');
    } catch (e) {
      if (!(e instanceof ImportError)) throw e;
      const field = e.field ?? '';
      const needed: Record<string, string> = {
        'mapping.columns.messageId': 'the message id',
        'mapping.columns.event': 'the status',
        'mapping.columns.timestamp': 'the time',
        'mapping.columns.route': 'how the route is told',
      };
      if (needed[field]) return `Choose ${needed[field]} field to see what the records become.`;
      if (/timeZone/.test(field)) return 'The time zone is not one: write UTC or a place such as Europe/London.';
      if (/timeFormat/.test(field)) return 'The time format is not one: use YYYY, M or MM, D or DD, H or HH, mm, ss, as in M/D/YYYY H:mm.';
      if (/routeFrom\.classes/.test(field)) return 'A class in the class table is not one: write letters, digits, _ . or - only, such as marketing.';
      if (/routeFrom\.class\b/.test(field)) return 'The fixed class is not one: write letters, digits, _ . or - only, such as marketing.';
      if (/route|country|class/i.test(field)) return 'The route rule is not complete: the fixed route must be a channel, and a country of two letters, such as sms/US.';
      return 'The mapping is not complete yet: choose a field for the message id, the status and the time.';
    }
    return 'The mapping is not complete yet.';
  };

  const importFailure = ({ ImportError }: Importer, e: unknown, path: string): unknown => {
    if (!(e instanceof ImportError)) return e;
    const extra = { file: e.file === 'mapping' ? path : e.file, ...(e.field ? { field: e.field } : {}) };
    if (e.code === 'CANCELLED') return new OperationError('CANCELLED', `${path}: the import was cancelled; the workspace is unchanged`, extra);
    if (e.code === 'FILE_ERROR') return new OperationError('FILE_ERROR', e.message, extra);
    return new OperationError('INVALID_INPUT', e.message, extra);
  };

  return {
    import: async (i) => {
      const s = session(i.handle);
      const doc = s.store.document();
      if (!doc.vendors.some((v) => v.id === i.vendorId)) throw new OperationError('NOT_FOUND', `no vendor with id ${JSON.stringify(i.vendorId)}`, { path: '$.vendorId', field: 'vendorId' });
      const path = resolve(i.path);
      if (i.importId !== undefined && imports.has(i.importId))
        throw new OperationError('INVALID_INPUT', `$.importId: an import with id ${JSON.stringify(i.importId)} is running`, { path: '$.importId', field: 'importId' });
      let totalBytes = 0;
      try {
        totalBytes = statSync(path).size;
      } catch {
        // The import itself says why the file cannot be read.
      }
      // Registered before the first wait (loading the importer), so progress and cancel find it at once.
      const running = { controller: new AbortController(), bytesRead: 0, totalBytes };
      if (i.importId !== undefined) imports.set(i.importId, running);
      const im = await importer().catch((e: unknown) => {
        if (i.importId !== undefined) imports.delete(i.importId);
        throw e;
      });
      let result;
      try {
        const { format, mapping } = await importFormat(im, i);
        result = await im.importEvents(path, {
          format,
          ...(mapping !== undefined ? { mapping } : {}),
          now: now().getTime(),
          signal: running.controller.signal,
          onProgress: (p) => {
            running.bytesRead = p.bytesRead;
            running.totalBytes = p.totalBytes;
            options.onProgress?.('import', p);
          },
        });
      } catch (e) {
        throw importFailure(im, e, path);
      } finally {
        if (i.importId !== undefined) imports.delete(i.importId);
      }
      // Cancelled after the last chunk was read, before the commit: still nothing is changed.
      if (running.controller.signal.aborted) throw new OperationError('CANCELLED', `${path}: the import was cancelled; the workspace is unchanged`, { file: path });
      // The file was read whole and checked: now one edit adds the pilots (and holdouts), with its
      // undo, to the document as the file holds it when the edit commits (changes made while the
      // log was read, in this window or another process, are kept).
      const pilots = Object.entries(result.counts)
        .filter(([, c]) => c.sent > 0)
        .map(([route, c]) => ({
          ...(im.parseRoute(route)! as { channel: Channel; country: string | null; class: string | null }),
          sent: c.sent,
          delivered: c.delivered,
          failed: c.failed,
          engaged: c.engaged,
          converted: c.converted,
          optedOut: c.optedOut,
          complained: c.complained,
        }));
      const counts = result.counts;
      const { ws, repeated } = s.store.update((doc) => {
        if (!doc.vendors.some((v) => v.id === i.vendorId))
          throw new OperationError('NOT_FOUND', `no vendor with id ${JSON.stringify(i.vendorId)} (it was removed while the log was read); the workspace is unchanged`, {
            path: '$.vendorId',
            field: 'vendorId',
          });
        const next: WorkspaceDocument = {
          ...doc,
          streams: doc.streams.map((st) => {
            const c = counts[routeKey(st)];
            if (!c?.holdout || c.sent === 0) return st;
            return { ...st, benefits: { ...(st.benefits ?? {}), holdout: { exposed: [c.converted, c.sent], holdout: [c.holdout.converted, c.holdout.members], vendor: i.vendorId } } };
          }),
          vendors: doc.vendors.map((v) => (v.id === i.vendorId ? { ...v, pilots: [...(v.pilots ?? []), ...pilots] } : v)),
        };
        const ws = readDocument(next);
        // The same log imported twice adds the same pilots again: say so (the import is one undo step).
        const same = (a: object, b: object) => JSON.stringify(a) === JSON.stringify(b);
        const canonical = ws.vendors.find((v) => v.id === i.vendorId)!.pilots;
        const added = canonical.slice(canonical.length - pilots.length);
        const before = canonical.slice(0, canonical.length - pilots.length);
        const repeated = added.length > 0 && added.every((a) => before.some((b) => same(a, b))) ? added.map((a) => routeKey(a)) : [];
        return { label: `Import ${basename(path)} into ${doc.vendors.find((v) => v.id === i.vendorId)?.name ?? `vendor ${i.vendorId}`}`, next: canonicalDocument(ws), value: { ws, repeated } };
      }, now().toISOString());
      adopt(s, ws);
      // An import is an edit like any other: the analyses of the document before it are superseded.
      s.lastTyped = null;
      analyses?.supersede(s.handle);
      return { result, repeated, state: state(s) };
    },

    'import.formats': async () => ({ formats: await presets.list() }),
    'import.preview': async (i) => {
      const im = await importer();
      const path = resolve(i.path);
      // A mapping being built on screen is often not complete yet: the file is still previewed, and
      // the trial says what is missing, in words (an import with it is refused with the same check).
      let mappingProblem: string | undefined;
      let chosen;
      try {
        chosen = await importFormat(im, i);
      } catch (e) {
        if (!(e instanceof OperationError) || i.mapping === undefined) throw e;
        mappingProblem = mappingInWords(im, i.mapping);
        chosen = { format: undefined, mapping: undefined, kind: i.kind };
      }
      const { format, mapping, kind } = chosen;
      try {
        return await im.previewFile(path, {
          format,
          ...(mapping !== undefined ? { mapping } : {}),
          ...(mappingProblem !== undefined ? { mappingProblem, shape: i.mapping } : {}),
          ...(kind ? { kind } : {}),
          ...(i.rows !== undefined ? { rows: i.rows } : {}),
          now: now().getTime(),
        });
      } catch (e) {
        throw importFailure(im, e, path);
      }
    },
    'import.savePreset': async (i) => ({ formats: await presets.save(i.name, i.label ?? i.name, i.kind, i.mapping) }),
    'import.removePreset': async (i) => ({ formats: await presets.remove(i.name) }),
    'import.progress': (i) => {
      const r = imports.get(i.importId);
      return r ? { bytesRead: r.bytesRead, totalBytes: r.totalBytes, running: true } : { bytesRead: 0, totalBytes: 0, running: false };
    },
    'import.cancel': (i) => {
      const r = imports.get(i.importId);
      if (!r) return { cancelled: false };
      r.controller.abort();
      return { cancelled: true };
    },
  };
}
