import { describe, expect, it } from 'vitest';
import { illFormedText } from '../../domain/validation';

const LONE = '\uD800';

describe('illFormedText', () => {
  it.each<[string, unknown, { field: string; message: string }[]]>([
    ['well-formed text', { title: 'Генератори 😀', tags: ['a', 'б'] }, []],
    ['a lone surrogate at the top', `x${LONE}`, [{ field: '(document)', message: 'must be valid Unicode text' }]],
    ['one in a nested field', { place: { settlement: `Самбір${LONE}` } }, [{ field: 'place.settlement', message: 'must be valid Unicode text' }]],
    ['one in an array item', { tags: ['ok', LONE] }, [{ field: 'tags.1', message: 'must be valid Unicode text' }]],
    ['one in a property name, the rest still checked', { [LONE]: 1, note: LONE }, [
      { field: '(document)', message: 'property names must be valid Unicode text' },
      { field: 'note', message: 'must be valid Unicode text' },
    ]],
    ['numbers, booleans and null', { a: 1, b: true, c: null }, []],
  ])('%s', (_name, value, expected) => {
    expect(illFormedText(value).map(({ field, message }) => ({ field, message }))).toEqual(expected);
  });

  it('walks a value nested 100,000 levels deep without overflowing the stack (fuzz finding: 500 on a deep body)', () => {
    let deep: unknown = LONE;
    for (let level = 0; level < 100_000; level++) deep = level % 2 ? { a: deep } : [deep];
    const errors = illFormedText(deep);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.field.split('.')).toHaveLength(100_000);
  });
});
