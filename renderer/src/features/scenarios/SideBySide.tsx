import type { WorkspaceDocument } from '../../../../electron/api/document.js';
import { whyNotApplies } from '../../../../electron/api/scenario-words.js';
import type { ComputeJson } from '../../../../electron/engine/result-json.js';
import type { PatchOperation } from '../../../../electron/engine/types.js';
import { money, unitCost } from '../../format';
import './scenarios.css';

interface Case {
  id: string;
  name: string;
  cheapest: string | null;
  vendors: { id: string; tco: { nominal: string; npv: string } | null; costPerEffective: string | null }[];
  /** A scenario whose changes no longer apply to the base: computed without it. */
  error?: { operation: number | null };
}

/** Why a scenario of the result cannot be computed, in words (the base document names the things). */
export function scenarioProblem(base: WorkspaceDocument | null | undefined, c: Case): string | null {
  if (!c.error) return null;
  const patch = (base?.scenarios ?? []).find((sc) => sc.id === c.id)?.patch ?? [];
  return base
    ? whyNotApplies(base, c.name, patch as PatchOperation[], c.error.operation)
    : `“${c.name}” no longer applies to the base as it is now: edit or remove its changes on the Scenarios screen.`;
}

/**
 * The base and every scenario side by side: per vendor its TCO and cost per effective message,
 * the cheapest of each case marked, and the cases where the decision flips (another vendor is the
 * cheapest than in the base) said in words. The compare screen, the Scenarios screen and the report draw it.
 * A scenario whose changes no longer apply to the base (`base`: the base document, which names
 * things in the words) says so in its column, and what to do; the others are computed as ever.
 */
export function SideBySide({ result, base: baseDoc }: { result: ComputeJson; base?: WorkspaceDocument | null }) {
  if (result.scenarios.length === 0) return null;
  const cur = result.baseCurrency;
  const base: Case = {
    id: 'base',
    name: 'Base',
    cheapest: result.cheapest,
    vendors: result.vendors.map((v) => ({ id: v.id, tco: v.tco ? { nominal: v.tco.nominal, npv: v.tco.npv } : null, costPerEffective: v.costPerEffective })),
  };
  const cases: Case[] = [base, ...result.scenarios];
  // Every vendor of any case, in the base's order first (a scenario may add one).
  const ids = [...new Set(cases.flatMap((c) => c.vendors.map((v) => v.id)))];
  const names = new Map(result.vendors.map((v) => [v.id, v.name || v.id]));
  const nameOf = (id: string | null) => (id === null ? 'none' : (names.get(id) ?? id));
  const flips = (c: Case) => c.id !== 'base' && !c.error && c.cheapest !== result.cheapest;
  return (
    <table className="compare side-by-side" data-side-by-side>
      <caption className="sr-only">The base and its scenarios side by side</caption>
      <thead>
        <tr>
          <th scope="col" rowSpan={2}>
            Vendor
          </th>
          {cases.map((c) => (
            <th key={c.id} scope="colgroup" colSpan={2} className={`case${flips(c) ? ' flipped' : ''}`} data-case={c.id}>
              {c.name}
            </th>
          ))}
        </tr>
        <tr>
          {cases.map((c) => [
            <th key={`${c.id}-t`} scope="col">
              TCO
            </th>,
            <th key={`${c.id}-e`} scope="col">
              Per effective
            </th>,
          ])}
        </tr>
      </thead>
      <tbody>
        {ids.map((id, row) => (
          <tr key={id} data-sbs-vendor={id}>
            <th scope="row">{nameOf(id)}</th>
            {cases.map((c) => {
              if (c.error) {
                return row === 0 ? (
                  <td key={c.id} colSpan={2} rowSpan={ids.length} className="scenario-broken" data-case={c.id} data-scenario-problem>
                    {scenarioProblem(baseDoc, c)}
                  </td>
                ) : null;
              }
              const v = c.vendors.find((x) => x.id === id);
              const mark = c.cheapest === id ? 'cheapest' : undefined;
              if (!v)
                return (
                  <td key={c.id} colSpan={2} className="hint">
                    not in this case
                  </td>
                );
              if (!v.tco)
                return (
                  <td key={c.id} colSpan={2} className="uncovered" data-case={c.id}>
                    does not cover every route
                  </td>
                );
              return [
                <td key={`${c.id}-t`} data-case={c.id} data-sbs-col="tco" className={mark}>
                  {money(v.tco.nominal, cur)}
                </td>,
                <td key={`${c.id}-e`} data-case={c.id} data-sbs-col="effective" className={mark}>
                  {unitCost(v.costPerEffective, cur)}
                </td>,
              ];
            })}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr data-row="cheapest">
          <th scope="row">Cheapest per effective message</th>
          {cases.map((c) => (
            <td key={c.id} colSpan={2} data-case={c.id} className={flips(c) ? 'flipped' : undefined}>
              {c.error ? 'cannot be computed' : nameOf(c.cheapest)}
              {flips(c) && <span className="flip"> — the decision flips (base: {nameOf(result.cheapest)})</span>}
            </td>
          ))}
        </tr>
      </tfoot>
    </table>
  );
}
