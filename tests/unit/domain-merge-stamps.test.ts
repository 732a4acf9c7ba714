/**
 * Per-field stamps (domain/field-stamps.ts) in the three-way merge, and how the phone and the server
 * set them. Tables read `base, master, local → expected`; each row names the winner.
 */
import { describe, expect, it } from 'vitest';
import type { WireDocument } from '../../domain/documents';
import { isOlderState, stampChanges, stampPushed, type FieldStamps } from '../../domain/field-stamps';
import { mergeThreeWay, rebaseOnUnanswered } from '../../domain/merge';
import { needStatusRule } from '../../domain/rules/need-status';
import { MAX_CLOCK_SKEW_MS } from '../../domain/constants';

type Doc = WireDocument & { title?: string; description?: string; quantity?: number; unit?: string; status?: string; urgency?: string; fieldStamps?: FieldStamps };
/** A document: its `updatedAt`, its fields, and the stamps of those fields. */
const doc = (updatedAt: number, fields: Partial<Doc>, fieldStamps?: FieldStamps): Doc => ({ id: 'need-00000001', updatedAt, ...fields, ...(fieldStamps ? { fieldStamps } : {}) });

const OPTIONS = { fieldRules: { status: needStatusRule }, fieldGroups: [['quantity', 'unit']] } as const;

/** base, master, local → merged fields and stamps. */
const CASES: [string, Doc | undefined, Doc, Doc, Partial<Doc>][] = [
  [
    'the field stamp decides, not the document stamp: local’s newer title beats master’s older one in a newer document',
    doc(1, { title: 'a', description: 'x' }, { title: 1 }),
    doc(9, { title: 'm', description: 'y' }, { title: 2, description: 9 }),
    doc(5, { title: 'l', description: 'x' }, { title: 5 }),
    { title: 'l', description: 'y', fieldStamps: { title: 5, description: 9 } },
  ],
  [
    'master’s newer title beats local’s in an older document',
    doc(1, { title: 'a' }, { title: 1 }),
    doc(3, { title: 'm' }, { title: 3 }),
    doc(8, { title: 'l', description: 'l' }, { title: 2, description: 8 }),
    { title: 'm', description: 'l', fieldStamps: { title: 3, description: 8 } },
  ],
  [
    'stale base (a lost answer): master holds an older value of local’s own field; the newer stamp wins',
    doc(1, { title: 'a' }),
    doc(9, { title: 'own, sent earlier', description: 'm' }, { title: 2, description: 9 }),
    doc(4, { title: 'own, later' }, { title: 4 }),
    { title: 'own, later', description: 'm' },
  ],
  [
    'same value set again later elsewhere (A→B→A): the newer stamp is kept with it, nobody’s older value returns',
    doc(3, { title: 'x' }, { title: 3 }),
    doc(7, { title: 'x' }, { title: 7 }),
    doc(3, { title: 'x' }, { title: 3 }),
    { title: 'x', fieldStamps: { title: 7 } },
  ],
  [
    'an undo (same value as the base, new stamp) is a change and wins over an older change',
    doc(1, { title: 'a' }, { title: 1 }),
    doc(3, { title: 'm' }, { title: 3 }),
    doc(5, { title: 'a' }, { title: 5 }),
    { title: 'a', fieldStamps: { title: 5 } },
  ],
  [
    'an unstamped local value where the base is stamped is an older copy, not an edit: the base’s value stays (link-fault seed 1465469614)',
    doc(4, { title: 't', description: 'theirs' }, { title: 3, description: 4 }),
    doc(4, { title: 't', description: 'theirs' }, { title: 3, description: 4 }),
    doc(3, { title: 't', description: 'as created' }, { title: 3 }),
    { title: 't', description: 'theirs', fieldStamps: { title: 3, description: 4 } },
  ],
  [
    'the same, master’s side: an unstamped master value where the base is stamped loses to local’s stamped one',
    doc(4, { description: 'base' }, { description: 4 }),
    doc(2, { description: 'as created' }),
    doc(6, { description: 'local' }, { description: 6 }),
    { description: 'local', fieldStamps: { description: 6 } },
  ],
  [
    'a master value stamped before the base’s is an older copy, not an edit: local’s own later value stays (crash campaign, CI seed 696053204)',
    // The phone's copy (medium, 30) was taken as the server's state while the server still held the
    // older critical (20): its own push had not got through. The server's critical is not a change.
    doc(32, { urgency: 'medium', description: 'd1' }, { urgency: 30, description: 25 }),
    doc(20, { urgency: 'critical', description: 'as created' }, { urgency: 20 }),
    doc(39, { urgency: 'medium', description: 'd2' }, { urgency: 30, description: 39 }),
    { urgency: 'medium', description: 'd2', fieldStamps: { urgency: 30, description: 39 } },
  ],
  [
    'the same, local’s side: a local value stamped before the base’s loses to master’s, even unchanged since the base',
    doc(8, { title: 'base' }, { title: 8 }),
    doc(8, { title: 'base' }, { title: 8 }),
    doc(9, { title: 'older copy', description: 'l' }, { title: 5, description: 9 }),
    { title: 'base', description: 'l', fieldStamps: { title: 8, description: 9 } },
  ],
  [
    'a group stamped before the base’s is older too: local’s quantity and unit stay',
    doc(6, { quantity: 5, unit: 'kg' }, { quantity: 6 }),
    doc(3, { quantity: 1, unit: 'pieces' }, { quantity: 3, unit: 3 }),
    doc(7, { quantity: 5, unit: 'kg', title: 'l' }, { quantity: 6, title: 7 }),
    { quantity: 5, unit: 'kg', title: 'l' },
  ],
  [
    'an unstamped value is older than any stamped one (a document from before stamps)',
    doc(1, { title: 'a' }),
    doc(99, { title: 'm, written before stamps' }),
    doc(2, { title: 'l' }, { title: 2 }),
    { title: 'l', fieldStamps: { title: 2 } },
  ],
  [
    'equal stamps: the larger JSON wins on every replica',
    doc(1, { title: 'a' }, { title: 1 }),
    doc(4, { title: 'm' }, { title: 4 }),
    doc(4, { title: 'l' }, { title: 4 }),
    { title: 'm', fieldStamps: { title: 4 } },
  ],
  [
    'a removal carries its stamp and wins when newer',
    doc(1, { title: 'a', description: 'd' }),
    doc(3, { title: 'm', description: 'd' }, { title: 3 }),
    doc(4, { title: 'a' }, { description: 4 }),
    { title: 'm', description: undefined, fieldStamps: { title: 3, description: 4 } },
  ],
  [
    'a group (quantity + unit) takes the pair with the latest stamp of its fields, stamps and all',
    doc(1, { quantity: 2, unit: 'tonnes' }),
    doc(5, { quantity: 2, unit: 'pallets' }, { unit: 5 }),
    doc(3, { quantity: 0.5, unit: 'tonnes' }, { quantity: 3 }),
    // The quantity 2 kept with the newer unit had no stamp but differs from local's: it gets the pair's.
    { quantity: 2, unit: 'pallets', fieldStamps: { quantity: 5, unit: 5 } },
  ],
  [
    'a group kept from local lends its stamp to a member local never stamped (so the server need not invent one)',
    doc(1, { quantity: 8, unit: 'pieces' }, { unit: 1 }),
    doc(20, { quantity: 3, unit: 'kits' }, { quantity: 20, unit: 2 }),
    doc(40, { quantity: 8, unit: 'kg' }, { unit: 30 }),
    { quantity: 8, unit: 'kg', fieldStamps: { quantity: 30, unit: 30 } },
  ],
  [
    'status changed on both sides still follows the transition rule, by field stamps: the newer legal move wins',
    doc(1, { status: 'open' }, { status: 1 }),
    doc(9, { status: 'fulfilled' }, { status: 2 }),
    doc(3, { status: 'closed' }, { status: 3 }),
    { status: 'closed', fieldStamps: { status: 3 } },
  ],
  [
    'status: a newer edit reachable only through several moves wins (stale base: closed → open → fulfilled on one phone)',
    doc(1, { status: 'open' }, { status: 1 }),
    doc(2, { status: 'closed' }, { status: 2 }),
    doc(3, { status: 'fulfilled' }, { status: 3 }),
    { status: 'fulfilled', fieldStamps: { status: 3 } },
  ],
  [
    'status: no legal sequence leads back to draft: the older status stands with its stamp',
    doc(1, { status: 'withdrawn' }, { status: 1 }),
    doc(2, { status: 'open' }, { status: 2 }),
    doc(3, { status: 'draft' }, { status: 3 }),
    { status: 'open', fieldStamps: { status: 2 } },
  ],
];

describe('mergeThreeWay with field stamps', () => {
  it.each(CASES)('%s', (_name, base, master, local, expected) => {
    const merged = mergeThreeWay(base, master, local, OPTIONS);
    for (const [field, value] of Object.entries(expected)) expect(merged[field], field).toEqual(value);
    expect(merged.updatedAt).toBe(Math.max(master.updatedAt ?? 0, local.updatedAt ?? 0));
  });

  it.each(CASES)('is the same whichever side merges: %s', (_name, base, master, local) => {
    const { status: _ruleDecidesByOrder, ...one } = mergeThreeWay(base, master, local, OPTIONS);
    const { status: _alsoByOrder, ...other } = mergeThreeWay(base, local, master, OPTIONS);
    expect(one).toEqual(other);
  });
});

describe('a merge, a push and the next edit', () => {
  // The concurrent-edits campaign, CHAOS_SEED=835462286 (round seed 1719586251), in four steps.
  it('a phone’s later quantity edit is not lost when its merged pair reached the server unstamped and clocks tied', () => {
    // 1. The phone changed the unit (stamp 30) of a pair whose quantity it never stamped; another
    //    phone changed both (quantity 20, unit 2) and touched the document at 40 (its `updatedAt`).
    const assumed = doc(1, { quantity: 8, unit: 'pieces' }, { unit: 1 });
    const master = doc(40, { quantity: 3, unit: 'kits' }, { quantity: 20, unit: 2 });
    const local = doc(35, { quantity: 8, unit: 'kg' }, { unit: 30 });
    const merged = mergeThreeWay(assumed, master, local, OPTIONS);
    expect([merged.quantity, merged.unit]).toEqual([8, 'kg']);
    // 2. The server writes the merged pair. Had the quantity no stamp, the server would give it the
    //    document's `updatedAt` (40): a stamp of another phone's edit, not of this value.
    const stored = stampPushed(master, merged, 1_000, true);
    expect(stored.fieldStamps?.quantity).toBe(30);
    // 3. The phone, whose clock stands where the other phone's did (40), sets the quantity to 2.
    const { doc: edited } = stampChanges(merged, { ...merged, quantity: 2 }, 40);
    // 4. The server's copy and the phone's edit meet in a merge: the edit made on top of 8 kg wins.
    const final = mergeThreeWay(merged, stored, edited, OPTIONS);
    expect([final.quantity, final.unit]).toEqual([2, 'kg']);
    expect(mergeThreeWay(merged, edited, stored, OPTIONS)).toEqual(final);
  });
});

describe('rebaseOnUnanswered with field stamps', () => {
  it('counts a field as the phone’s own only when value and stamp are what it sent', () => {
    const sent = doc(2, { title: 'x', description: 'sent' }, { title: 2, description: 2 });
    // The server holds the sent description (own), and a title "x" someone set again later (theirs).
    const master = doc(7, { title: 'x', description: 'sent' }, { title: 7, description: 2 });
    const base = doc(1, { title: 'a', description: 'a' }, { title: 1, description: 1 });
    expect(rebaseOnUnanswered(base, master, [sent])).toEqual(doc(1, { title: 'a', description: 'sent' }, { title: 1, description: 2 }));
  });
});

describe('stampChanges (the phone stamps what it changes)', () => {
  /** previous, next, clock stamp → stamps and the latest stamp. */
  const STAMPS: [string, Doc | undefined, Doc, number, FieldStamps | undefined, number][] = [
    ['a new document gets none: its fields are as old as it', undefined, doc(0, { title: 't' }), 10, undefined, 10],
    ['a changed field gets the clock’s stamp, unchanged ones keep theirs', doc(5, { title: 'a', description: 'd' }, { description: 5 }), doc(0, { title: 'b', description: 'd' }), 10, { title: 10, description: 5 }, 10],
    ['a field whose stamp is ahead of this clock gets one past it (an edit supersedes what it saw)', doc(50, { title: 'a' }, { title: 50 }), doc(0, { title: 'b' }), 10, { title: 51 }, 51],
    ['any stamp of the document ahead of this clock raises the new one (a unit stays after its quantity)', doc(50, { quantity: 1, unit: 'kg' }, { quantity: 50 }), doc(0, { quantity: 1, unit: 'pieces' }), 10, { quantity: 50, unit: 51 }, 51],
    ['a removed field is stamped', doc(5, { title: 'a', description: 'd' }), doc(0, { title: 'a' }), 10, { description: 10 }, 10],
    ['stamps a form brings along are ignored: only a change earns one', doc(5, { title: 'a' }), doc(0, { title: 'a' }, { title: 999 }), 10, undefined, 10],
  ];
  it.each(STAMPS)('%s', (_name, previous, next, stamp, stamps, latest) => {
    const result = stampChanges(previous, next, stamp);
    expect(result.doc.fieldStamps).toEqual(stamps);
    expect(result.latest).toBe(latest);
  });
});

describe('stampPushed (the server)', () => {
  const NOW = 1_767_225_600_000;
  const FUTURE = NOW + MAX_CLOCK_SKEW_MS + 1;
  /** stored, pushed, trusts stamps → stamps stored. */
  const SERVER: [string, Doc | undefined, Doc, boolean, FieldStamps | undefined][] = [
    ['a current build’s stamps are kept', doc(1, { title: 'a' }), doc(5, { title: 'b' }, { title: 5 }), true, { title: 5 }],
    ['a stamp from the future is clamped to the server’s time', doc(1, { title: 'a' }), doc(5, { title: 'b' }, { title: FUTURE }), true, { title: NOW }],
    ['a previous build’s changed field gets its (clamped) updatedAt', doc(1, { title: 'a', description: 'd' }, { description: 1 }), doc(FUTURE, { title: 'b', description: 'd' }), false, { title: NOW, description: 1 }],
    ['a previous build’s echo of pulled stamps is ignored', doc(1, { title: 'a' }, { title: 1 }), doc(6, { title: 'b' }, { title: 1 }), false, { title: 6 }],
    ['a current build’s unstamped change (made before the update) is stamped too', doc(1, { title: 'a' }), doc(6, { title: 'b' }), true, { title: 6 }],
    ['a new document from a previous build gets none', undefined, doc(6, { title: 'b' }), false, undefined],
  ];
  it.each(SERVER)('%s', (_name, stored, pushed, trusts, stamps) => {
    expect(stampPushed(stored, pushed, NOW, trusts).fieldStamps).toEqual(stamps);
  });
});

describe('isOlderState (a server state that reaches the phone after the phone’s own later one)', () => {
  /** incoming (from the server), held (the phone's copy) → older? */
  const STATES: [string, Doc, Doc, boolean][] = [
    ['the phone’s own earlier write, read before its next push was answered, is older', doc(3, { title: 'a', urgency: 'high' }, { title: 3 }), doc(5, { title: 'a', urgency: 'low' }, { title: 3, urgency: 5 }), true],
    ['the state as created, before any stamp, is older than an edited copy', doc(1, { description: 'as created' }), doc(4, { description: 'edited' }, { description: 4 }), true],
    ['another phone’s later edit of another field is not older', doc(6, { title: 'theirs', urgency: 'high' }, { title: 6 }), doc(5, { title: 'a', urgency: 'low' }, { urgency: 5 }), false],
    ['an older document stamp with a later field stamp is not older (a merge kept the later field)', doc(4, { title: 'b' }, { title: 6 }), doc(5, { title: 'a' }, { title: 5 }), false],
    ['a field that differs with the same stamp on both sides: nothing tells, not older', doc(3, { title: 'x' }, { title: 3 }), doc(5, { title: 'y' }, { title: 3 }), false],
    ['a field that differs with no stamp on either side: nothing tells, not older', doc(3, { title: 'x' }), doc(5, { title: 'y' }), false],
    ['the same document stamp is not older', doc(5, { title: 'a' }, { title: 5 }), doc(5, { title: 'a' }, { title: 5 }), false],
    ['a deletion on one side only is not older', { ...doc(3, { title: 'a' }), _deleted: true }, doc(5, { title: 'a' }, { title: 5 }), false],
  ];
  it.each(STATES)('%s', (_name, incoming, held, older) => {
    expect(isOlderState(incoming, held)).toBe(older);
  });
});
