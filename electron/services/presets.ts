/**
 * Import formats: the built-in ones (the generic event CSV and JSON Lines of MODEL.md section 8,
 * and the vendor presets of electron/import) and the user's own named column mappings, saved in the
 * app's data folder (`import-presets.json`, written whole under a temporary name and renamed, so a
 * crash never leaves half a file). A saved preset belongs to the user, not to a workspace: the same
 * vendor export is imported into many workspaces.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OperationError } from '../api/errors.js';
import { writeFileWhole } from './write.js';
import type { ColumnMapping } from '../import/index.js';
import { importer, type Importer } from './importer.js';

export interface ImportFormat {
  name: string;
  label: string;
  kind: 'csv' | 'jsonl';
  /** Where the built-in mapping comes from; null for a saved one. */
  source: string | null;
  builtIn: boolean;
  mapping: ColumnMapping;
}

interface Saved {
  label: string;
  kind: 'csv' | 'jsonl';
  mapping: ColumnMapping;
}

export const PRESET_FILE = 'import-presets.json';

function builtInFormats({ PRESETS }: Importer): ImportFormat[] {
  return Object.entries(PRESETS).map(([name, p]) => ({ name, label: p.label, kind: p.kind, source: p.source, builtIn: true, mapping: p.mapping }));
}

/** The formats, built-in and saved; async, as the importer is loaded on first use (importer.ts). */
export class PresetStore {
  constructor(private readonly dataDir: string | null) {}

  private get file(): string | null {
    return this.dataDir ? join(this.dataDir, PRESET_FILE) : null;
  }

  /** The saved presets; a damaged file is reported, never silently emptied (saving would lose it). */
  private read({ checkMapping, ImportError }: Importer): Record<string, Saved> {
    const file = this.file;
    if (!file) return {};
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new OperationError('FILE_ERROR', `${file}: ${(e as Error).message}`, { file });
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      throw new OperationError('FILE_ERROR', `${file}: the saved import presets are not JSON (${(e as Error).message}); fix or remove the file`, { file });
    }
    const presets = (raw as { presets?: unknown } | null)?.presets;
    if (typeof presets !== 'object' || presets === null || Array.isArray(presets)) {
      throw new OperationError('FILE_ERROR', `${file}: $.presets: must be an object of named presets; fix or remove the file`, { file, path: '$.presets', field: 'presets' });
    }
    const out: Record<string, Saved> = {};
    for (const [name, p] of Object.entries(presets as Record<string, unknown>)) {
      const where = `$.presets[${JSON.stringify(name)}]`;
      const v = p as Partial<Saved> | null;
      if (typeof v !== 'object' || v === null || (v.kind !== 'csv' && v.kind !== 'jsonl') || typeof v.label !== 'string') {
        throw new OperationError('FILE_ERROR', `${file}: ${where}: needs a label and a kind (csv or jsonl); fix or remove the file`, { file, path: where });
      }
      try {
        out[name] = { label: v.label, kind: v.kind, mapping: checkMapping(v.mapping, file) };
      } catch (e) {
        if (e instanceof ImportError) throw new OperationError('FILE_ERROR', `${file}: ${where}.${e.field ?? 'mapping'}: ${e.detail}`, { file, path: `${where}.${e.field ?? 'mapping'}` });
        throw e;
      }
    }
    return out;
  }

  private write(presets: Record<string, Saved>): void {
    const file = this.file;
    if (!file) throw new OperationError('FILE_ERROR', 'presets cannot be saved here: the app has no data folder (on the command line, give the mapping as a file with --mapping)');
    try {
      mkdirSync(this.dataDir!, { recursive: true });
    } catch (e) {
      throw new OperationError('FILE_ERROR', `${file}: could not be written (its folder cannot be made: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { file });
    }
    writeFileWhole(file, `${JSON.stringify({ version: 1, presets }, null, 2)}\n`);
  }

  async list(): Promise<ImportFormat[]> {
    const im = await importer();
    const saved = Object.entries(this.read(im)).map(([name, p]) => ({ name, label: p.label, kind: p.kind, source: null, builtIn: false, mapping: p.mapping }));
    saved.sort((a, b) => a.name.localeCompare(b.name));
    return [...builtInFormats(im), ...saved];
  }

  /** A format by name: built-in first (they cannot be shadowed), then saved. */
  async find(name: string): Promise<ImportFormat | undefined> {
    return (await this.list()).find((f) => f.name === name);
  }

  async save(name: string, label: string, kind: 'csv' | 'jsonl', mapping: unknown): Promise<ImportFormat[]> {
    const im = await importer();
    const { PRESETS, checkMapping, ImportError } = im;
    if (Object.prototype.hasOwnProperty.call(PRESETS, name)) {
      throw new OperationError('INVALID_INPUT', `$.name: ${JSON.stringify(name)} is a built-in format; choose another name`, { path: '$.name', field: 'name' });
    }
    let checked: ColumnMapping;
    try {
      checked = checkMapping(mapping, name);
    } catch (e) {
      if (e instanceof ImportError) {
        const path = `$.${e.field ?? 'mapping'}`;
        throw new OperationError('INVALID_INPUT', `${path}: ${e.detail}`, { path, field: (e.field ?? 'mapping').split('.').at(-1)! });
      }
      throw e;
    }
    const presets = this.read(im);
    presets[name] = { label, kind, mapping: checked };
    this.write(presets);
    return this.list();
  }

  async remove(name: string): Promise<ImportFormat[]> {
    const presets = this.read(await importer());
    if (!Object.prototype.hasOwnProperty.call(presets, name)) {
      throw new OperationError('NOT_FOUND', `no saved import preset named ${JSON.stringify(name)}`, { path: '$.name', field: 'name' });
    }
    delete presets[name];
    this.write(presets);
    return this.list();
  }
}
