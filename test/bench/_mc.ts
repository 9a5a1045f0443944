import { readDocument } from '../../electron/api/document.js';
import { prepare } from '../../electron/engine/compute.js';
import { evaluateVendor } from '../../electron/engine/evaluate.js';
import { floatPlan } from '../../electron/engine/float.js';
import { benchWorkspace } from './generate.js';
const ws = readDocument(benchWorkspace());
const { wp, vendors } = prepare(ws);
for (const vp of vendors) {
  const fp = floatPlan(wp, vp, evaluateVendor(wp, vp));
  console.log(vp.vendor.id, 'variable', fp.variable.length, 'linear', !!fp.linear, fp.linear?.routes.map(r => [r.lo.toFixed(4), r.hi.toFixed(4), fp.dr[r.group]!.toFixed(4)].join('..')).join(' '), 'commits', fp.linear?.commits, 'groups', vp.groups.length, 'pilots', vp.groups.filter(g=>g.pilot).length);
}
