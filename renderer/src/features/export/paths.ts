/** Default file names of the exports: pure, for the panel (and tests). */
import { EXPORT_FORMATS, type ExportFormat } from '../../state/export-formats.js';

/**
 * A default file beside the workspace file, named after the workspace:
 * "/w/rfp.tcows", "Retail RFP", pdf → "/w/Retail RFP business case.pdf". Characters a file name
 * cannot hold become "-"; without a name, the workspace file's own name is used.
 */
export function suggestedPath(workspacePath: string, name: string, format: ExportFormat): string {
  const slash = Math.max(workspacePath.lastIndexOf('/'), workspacePath.lastIndexOf('\\'));
  const folder = slash >= 0 ? workspacePath.slice(0, slash + 1) : '';
  const base = (name.trim() || workspacePath.slice(slash + 1).replace(/\.[^.]*$/, '') || 'workspace').replace(/[\\/:*?"<>|]+/g, '-');
  const f = EXPORT_FORMATS[format];
  return `${folder}${base}${f.suffix}.${f.ext}`;
}
