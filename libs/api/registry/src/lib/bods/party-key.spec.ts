import { buildBodsGraph } from './bods-graph';
import { interpretBodsStatements } from './bods-interpret';
import { groupPartiesByIdentity, resolvePartyKey } from './party-key';
import { entityStatement, personStatement } from './bods.test-helpers';

describe('resolvePartyKey', () => {
  it('returns normalised scheme:id keys', () => {
    expect(
      resolvePartyKey({
        identifiers: [
          { scheme: 'GB-COH', id: '01234567' },
          { scheme: ' xi-lei ', id: 'bq4bkcs1hxdv9hn80z93' },
        ],
      }),
    ).toEqual(['GB-COH:01234567', 'XI-LEI:BQ4BKCS1HXDV9HN80Z93']);
  });

  it('ignores case and spacing differences in ids, and drops duplicates and blanks', () => {
    expect(
      resolvePartyKey({
        identifiers: [
          { scheme: 'GB-COH', id: 'sc 123 456' },
          { scheme: 'gb-coh', id: 'SC123456' },
          { scheme: '', id: 'X' },
          { scheme: 'GB-COH', id: '  ' },
        ],
      }),
    ).toEqual(['GB-COH:SC123456']);
  });

  it('gives no key to a party without identifiers (names are not identities)', () => {
    expect(resolvePartyKey({ identifiers: [] })).toEqual([]);
  });
});

describe('groupPartiesByIdentity', () => {
  it('merges the same company declared under two recordIds in different networks', () => {
    // record-ids.rst: AlphaCorp appears in its own network and in BetaSys' network.
    const plan = interpretBodsStatements([
      entityStatement(
        'alpha-in-alpha-network',
        'AlphaCorp Ltd',
        {},
        { identifiers: [{ scheme: 'GB-COH', id: '00112233' }] },
      ),
      entityStatement(
        'beta',
        'BetaSys Ltd',
        {},
        { identifiers: [{ scheme: 'GB-COH', id: '99887766' }] },
      ),
      entityStatement(
        'alpha-in-beta-network',
        'ALPHACORP LIMITED',
        {},
        { identifiers: [{ scheme: 'gb-coh', id: '00112233 ' }] },
      ),
      personStatement('ada', 'Ada Lovelace'),
      personStatement('ada-2', 'Ada Lovelace'),
    ]);
    const parties = buildBodsGraph(plan.operations).parties;
    expect(Object.fromEntries(groupPartiesByIdentity(parties))).toEqual({
      'alpha-in-alpha-network': 'alpha-in-alpha-network',
      beta: 'beta',
      'alpha-in-beta-network': 'alpha-in-alpha-network',
      // Same name, no identifiers: not merged.
      ada: 'ada',
      'ada-2': 'ada-2',
    });
  });

  it('merges transitively and keeps the earliest party as canonical', () => {
    const groups = groupPartiesByIdentity([
      { recordId: 'a', identifiers: [{ scheme: 'GB-COH', id: '1' }] },
      { recordId: 'b', identifiers: [{ scheme: 'XI-LEI', id: 'L' }] },
      {
        recordId: 'c',
        identifiers: [
          { scheme: 'XI-LEI', id: 'L' },
          { scheme: 'GB-COH', id: '1' },
        ],
      },
      { recordId: 'd', identifiers: [{ scheme: 'US-DE', id: '1' }] },
    ]);
    expect(Object.fromEntries(groups)).toEqual({
      a: 'a',
      b: 'a',
      c: 'a',
      d: 'd',
    });
  });
});
