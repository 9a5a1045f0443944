/**
 * The typed edit at the type level (renderer/src/state/edit.ts): each edit's input is the contract's
 * own (electron/api/operations.ts), less the handle and the scenario the store adds, so a wrong
 * operation, field or value does not compile. `npm run typecheck` checks this file; the
 * `@ts-expect-error` lines fail it if they ever compile.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { Edit, EditInput, EditOp, EditPatch } from '../../renderer/src/state/edit.js';

// A stand-in with the store's signature: only its types are checked.
const edit: Edit = async () => null;

describe('EditOp and EditInput<K>', () => {
  it("are the contract's edits and their inputs", () => {
    expectTypeOf<'routes.update'>().toExtend<EditOp>();
    expectTypeOf<'compute'>().not.toExtend<EditOp>();
    expectTypeOf<EditInput<'fx.remove'>>().toEqualTypeOf<{ currency: string }>();
    expectTypeOf<EditInput<'scenarios.rename'>>().toEqualTypeOf<{ id: string; name: string }>();
    expectTypeOf<EditInput<'routes.update'>>().not.toHaveProperty('handle');
    expectTypeOf<EditInput<'routes.update'>>().not.toHaveProperty('scenario');
    expectTypeOf<EditPatch<'fees.update'>['per']>().toEqualTypeOf<'once' | 'month' | 'seat-month' | 'contact-month' | 'failed-message' | undefined>();
    expectTypeOf<EditPatch<'quote.update'>>().not.toHaveProperty('routes');
  });

  it('a right input compiles, as a value or made from the document', () => {
    void edit('routes.update', { vendorId: 'A', index: 0, patch: { price: '0.02', billedOn: 'delivered' } });
    void edit('streams.update', (doc) => ({ id: 's', patch: { seasonality: doc.streams[0]?.seasonality ?? null } }));
    void edit('fees.update', { vendorId: 'A', index: 0, patch: { per: 'contact-month' } });
  });

  it('a wrong one does not', () => {
    // @ts-expect-error: not an edit
    void edit('compute', { handle: 'h' });
    // @ts-expect-error: a route has no field "prise"
    void edit('routes.update', { vendorId: 'A', index: 0, patch: { prise: '0.02' } });
    // @ts-expect-error: billed on "read" is none of sent, delivered, effective
    void edit('routes.update', { vendorId: 'A', index: 0, patch: { billedOn: 'read' } });
    // @ts-expect-error: the index is missing
    void edit('fees.update', { vendorId: 'A', patch: { per: 'month' } });
    // @ts-expect-error: the handle is the store's
    void edit('fx.remove', { handle: 'h', currency: 'EUR' });
    // @ts-expect-error: a function of the document must make the same input
    void edit('vendors.update', () => ({ id: 'A', patch: { name: 1 } }));
  });
});
