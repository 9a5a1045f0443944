// A scenario's changes in words (electron/api/scenario-words.ts), read against the sample RFP
// (test/fixtures/sample-rfp.json): the names, routes and old values below are the fixture's own.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalDocument, readDocument } from '../../electron/api/document.js';
import { describeChange, describeChangeAt, routeWords, whyNotApplies } from '../../electron/api/scenario-words.js';
import type { PatchOperation } from '../../electron/engine/types.js';

const base = canonicalDocument(readDocument(JSON.parse(readFileSync(new URL('../fixtures/sample-rfp.json', import.meta.url), 'utf8'))));
const words = (o: PatchOperation) => describeChange(base, o);

describe('scenario changes in words', () => {
  it('names routes as a buyer says them', () => {
    expect(routeWords({ channel: 'sms', country: 'US' })).toBe('SMS to the US');
    expect(routeWords({ channel: 'sms', country: 'KE' })).toBe('SMS to Kenya');
    expect(routeWords({ channel: 'whatsapp', country: 'US', class: 'utility' })).toBe('WhatsApp utility to the US');
    expect(routeWords({ channel: 'email', country: null })).toBe('email');
  });

  it("a price, a tier, a volume, a fee, a pilot count, a setting: the new value instead of the base's", () => {
    // Vendor B's second route is SMS to Kenya at 0.0071.
    expect(words({ op: 'replace', path: '/vendors/1/quote/routes/1/price', value: '0.0065' })).toBe("Vendor B (regional aggregator)'s price on SMS to Kenya: 0.0065 instead of 0.0071");
    // Its first route (SMS to the US) is tiered: 0.0062 from 0, 0.0055 from 200,000.
    expect(words({ op: 'replace', path: '/vendors/1/quote/routes/0/tiers/0/price', value: '0.0058' })).toBe(
      "Vendor B (regional aggregator)'s price of the 1st tier on SMS to the US: 0.0058 instead of 0.0062",
    );
    expect(words({ op: 'replace', path: '/streams/0/monthlyVolume', value: '156000' })).toBe('The monthly volume of "Abandoned cart SMS, US": 156000 instead of 120000');
    expect(words({ op: 'replace', path: '/vendors/0/quote/fees/1/amount', value: '12' })).toBe('The amount of Vendor A (global CPaaS)\'s fee "10DLC campaign": 12 instead of 10');
    expect(words({ op: 'replace', path: '/vendors/0/pilots/0/delivered', value: 9000 })).toBe("Vendor A (global CPaaS)'s messages delivered in the pilot on SMS to the US: 9000 instead of 9620");
    expect(words({ op: 'replace', path: '/horizonMonths', value: 24 })).toBe("The workspace's horizon (months): 24 instead of 36");
  });

  it('whole entries added and removed, and a test, by name', () => {
    expect(words({ op: 'remove', path: '/vendors/2' })).toBe('Vendor C (email + SMS, US only) removed');
    expect(words({ op: 'remove', path: '/streams/3' })).toBe('Stream "Receipts by email" removed');
    expect(words({ op: 'add', path: '/vendors/0/quote/routes/4', value: { channel: 'sms', country: 'DE', price: '0.07' } })).toBe("Vendor A (global CPaaS)'s route SMS to Germany added");
    expect(words({ op: 'test', path: '/vendors/1/quote/routes/1/price', value: '0.0071' })).toBe("Vendor B (regional aggregator)'s price on SMS to Kenya is checked to be 0.0071");
  });

  it('never shows a JSON Pointer', () => {
    for (const path of ['/vendors/1/quote/routes/0/passThrough', '/streams/2/benefits/valuePerConversion', '/fx/0/rate', '/defaults/sms/deliveryRate', '/vendors/0/internal/monthlyOther'])
      expect(words({ op: 'replace', path, value: '1' })).not.toMatch(/\/|\$\./);
  });
});

describe('why a scenario no longer applies, in words (issue 17)', () => {
  const todo = 'Edit the scenario on the Scenarios screen: remove that change (and make it again in the scenario if it still matters), or remove the scenario.';
  const price = { op: 'replace', path: '/vendors/1/quote/routes/3/price', value: '0.005' } as const;

  it('a vendor removed, a vendor moved, a route gone: says which change and what to do, never a path', () => {
    // The base has no vendor "Z": removed.
    const removed = whyNotApplies(base, 'Volume +30%', [{ op: 'test', path: '/vendors/1/id', value: 'Z' }, price], 0);
    expect(removed).toBe(`“Volume +30%” no longer applies: its changes are to vendor Z, which was removed from the base. ${todo}`);
    // "A" is the base's first vendor, Vendor A (global CPaaS): the change was written where it is no longer.
    const moved = whyNotApplies(base, 'A cheaper', [{ op: 'test', path: '/vendors/1/id', value: 'A' }, price], 0);
    expect(moved).toBe(`“A cheaper” no longer applies: its changes to Vendor A (global CPaaS) were made where it was in the list of vendors, and it has moved. ${todo}`);
    // Vendor B's route 4 is not there (the check of its channel fails).
    const route = whyNotApplies(base, 'Volume +30%', [{ op: 'test', path: '/vendors/1/id', value: 'B' }, { op: 'test', path: '/vendors/1/quote/routes/3/channel', value: 'sms' }, price], 1);
    expect(route).toBe(`“Volume +30%” no longer applies: its change to Vendor B (regional aggregator)'s price refers to a route that was removed or moved. ${todo}`);
    for (const text of [removed, moved, route]) expect(text).not.toMatch(/\/vendors|\$\.|patch/);
  });

  it('a workspace left incomplete by the changes', () => {
    expect(whyNotApplies(base, 'No fees', [{ op: 'remove', path: '/vendors/0/quote' }], null)).toBe(
      '“No fees” no longer applies: after its changes the workspace is not complete (a change takes away something another part needs). Remove its last change on the Scenarios screen, or remove the scenario.',
    );
  });
});

describe('a change named after the entry its checks pin (describeChangeAt)', () => {
  const commit = { op: 'replace', path: '/vendors/1/quote/minimumMonthlyCommit', value: '0' } as const;
  it('names the vendor the change was made on, where it is now, or says it was removed', () => {
    // Still in place: as describeChange says it.
    expect(describeChangeAt(base, [{ op: 'test', path: '/vendors/1/id', value: 'B' }, commit], 1)).toBe(describeChange(base, commit));
    // Made on A, which is the base's first vendor now: A's commit (the sample's 1,500 a month).
    expect(describeChangeAt(base, [{ op: 'test', path: '/vendors/1/id', value: 'A' }, commit], 1)).toBe("Vendor A (global CPaaS)'s minimum monthly commit: 0 instead of 1500");
    expect(describeChangeAt(base, [{ op: 'test', path: '/vendors/1/id', value: 'Z' }, commit], 1)).toBe('A change to vendor Z, which is no longer in the base: minimum monthly commit 0');
  });
});
