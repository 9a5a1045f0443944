import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { EditField } from '../../components/EditField';
import { useStore } from '../../state/store';

/**
 * "Prepared for" and "Prepared by", printed on the report's title page: saved in the workspace file
 * as they are typed (not undo steps: they are not part of the workspace's content).
 */
export function PreparedFields() {
  const ws = useStore((st) => st.workspace);
  const { handle, preparedFor, preparedBy, load, save } = useStore(
    useShallow((st) => ({ handle: st.reportHandle, preparedFor: st.preparedFor, preparedBy: st.preparedBy, load: st.loadReportSettings, save: st.saveReportSetting })),
  );
  const current = ws?.handle ?? null;
  useEffect(() => {
    if (current) void load(current);
  }, [current, load]);
  if (!ws || handle !== current) return null;
  return (
    // Enter saves the field (EditField) and must not also start the export of the form around it.
    <div className="prepared-fields" data-prepared-fields onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}>
      <EditField label="Prepared for" value={preparedFor} hint="On the report's title page, e.g. the client and team" onSave={(v) => save(ws.handle, 'preparedFor', v)} />
      <EditField label="Prepared by" value={preparedBy} hint="Your name or firm" onSave={(v) => save(ws.handle, 'preparedBy', v)} />
    </div>
  );
}
