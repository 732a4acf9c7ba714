/**
 * Echoes of a phone's own writes (app/db/held-echoes.ts): the server's state of a document that
 * arrived while a write of it waited is handed to RxDB again once the write settles, but only when
 * it adds the server's stamps to what the phone holds, never when it would take a copy back.
 */
import { describe, expect, it } from 'vitest';
import type { WireDocument } from '../../domain/documents';
import { HeldEchoes } from '../../app/db/held-echoes';

function state(id: string, title: string, serverUpdatedAt?: number): WireDocument {
  return { id, title, updatedAt: 1, ...(serverUpdatedAt === undefined ? {} : { meta: { serverUpdatedAt, createdAt: serverUpdatedAt } }) };
}

const waitingFor =
  (...ids: string[]) =>
  (id: string) =>
    ids.includes(id);

describe('HeldEchoes', () => {
  it.each([
    // the phone's copy, the echo kept → handed to RxDB again?
    ['no stamps yet, same content', state('a', 'Generators'), state('a', 'Generators', 20), true],
    ['older stamps, same content', state('a', 'Generators', 10), state('a', 'Generators', 20), true],
    ['the same stamps', state('a', 'Generators', 20), state('a', 'Generators', 20), false],
    ['newer stamps on the phone', state('a', 'Generators', 30), state('a', 'Generators', 20), false],
    ['the phone wrote again since', state('a', 'Generators, 12 pieces'), state('a', 'Generators', 20), false],
  ])('%s → %s', (_case, mine, echo, handed) => {
    const echoes = new HeldEchoes();
    echoes.observe([echo], waitingFor('a'));
    echoes.settle(['a']);
    expect(echoes.ready(['a'], new Map([['a', mine]]), false)).toEqual(handed ? [echo] : []);
  });

  it('keeps only states that came while a write of theirs waited', () => {
    const echoes = new HeldEchoes();
    echoes.observe([state('a', 'A', 20), state('b', 'B', 20)], waitingFor('a'));
    echoes.settle(['a', 'b']);
    expect(echoes.readyIds()).toEqual(['a']);
  });

  it('offers nothing before the write settles', () => {
    const echoes = new HeldEchoes();
    echoes.observe([state('a', 'A', 20)], waitingFor('a'));
    expect(echoes.readyIds()).toEqual([]);
    echoes.settle(['a']);
    expect(echoes.readyIds()).toEqual(['a']);
  });

  it('forgets a kept state once a later server state is handed to RxDB the usual way', () => {
    const echoes = new HeldEchoes();
    echoes.observe([state('a', 'A', 20)], waitingFor('a'));
    echoes.settle(['a']);
    echoes.observe([state('a', 'A, edited elsewhere', 40)], waitingFor());
    expect(echoes.readyIds()).toEqual([]);
  });

  it('keeps a ready state for the next pull until it is consumed, and forgets one that adds nothing at once', () => {
    const echoes = new HeldEchoes();
    echoes.observe([state('a', 'A', 20), state('b', 'B', 20)], waitingFor('a', 'b'));
    echoes.settle(['a', 'b']);
    const stored = new Map([
      ['a', state('a', 'A')],
      ['b', state('b', 'B', 20)],
    ]);
    expect(echoes.ready(['a', 'b'], stored, false)).toEqual([state('a', 'A', 20)]);
    expect(echoes.readyIds()).toEqual(['a']);
    expect(echoes.ready(['a'], stored, true)).toEqual([state('a', 'A', 20)]);
    expect(echoes.readyIds()).toEqual([]);
  });
});
