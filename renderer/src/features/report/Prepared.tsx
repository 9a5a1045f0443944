import type { ReportPayload } from '../../../../electron/api/report.js';
import './prepared.css';

/** "Prepared for" and "Prepared by" on the title page, from the workspace's report settings; nothing when unset. */
export function PreparedMeta({ payload }: { payload: ReportPayload }) {
  const p = payload.prepared ?? { preparedFor: '', preparedBy: '' };
  return (
    <>
      {p.preparedFor && (
        <div data-prepared="for">
          <dt>Prepared for</dt>
          <dd>{p.preparedFor}</dd>
        </div>
      )}
      {p.preparedBy && (
        <div data-prepared="by">
          <dt>Prepared by</dt>
          <dd>{p.preparedBy}</dd>
        </div>
      )}
    </>
  );
}
