import type { Role } from '@quorum/contracts';
import {
  areasForRoles,
  canEnterArea,
  homePathForRoles,
  safeReturnUrl,
} from './areas';

const keys = (roles: Role[]) => areasForRoles(roles).map((a) => a.key);

describe('areasForRoles', () => {
  it.each<[Role, string[]]>([
    ['lab_admin', ['lab']],
    ['lab_member', ['lab']],
    ['vendor_admin', ['vendor']],
    ['annotator', ['annotate']],
    ['reviewer', ['annotate']],
    ['platform_admin', ['admin']],
    ['auditor', ['admin']],
  ])('%s sees only %j', (role, expected) => {
    expect(keys([role])).toEqual(expected);
  });

  it('shows nothing to a user without roles', () => {
    expect(keys([])).toEqual([]);
  });

  it('lists each area once for users holding several of its roles, in navigation order', () => {
    expect(keys(['reviewer', 'annotator', 'vendor_admin'])).toEqual([
      'vendor',
      'annotate',
    ]);
    expect(keys(['auditor', 'lab_member', 'lab_admin'])).toEqual([
      'lab',
      'admin',
    ]);
  });
});

describe('canEnterArea', () => {
  it('lets a lab member into Lab but not into Vendor or Admin', () => {
    expect(canEnterArea(['lab_member'], 'lab')).toBe(true);
    expect(canEnterArea(['lab_member'], 'vendor')).toBe(false);
    expect(canEnterArea(['lab_member'], 'admin')).toBe(false);
  });

  it('keeps an annotator out of the vendor admin area', () => {
    expect(canEnterArea(['annotator'], 'annotate')).toBe(true);
    expect(canEnterArea(['annotator'], 'vendor')).toBe(false);
  });
});

describe('homePathForRoles', () => {
  it.each<[Role[], string | null]>([
    [['lab_admin'], '/lab'],
    [['lab_member'], '/lab'],
    [['vendor_admin'], '/vendor'],
    [['annotator'], '/annotate'],
    [['reviewer'], '/annotate'],
    [['platform_admin'], '/admin'],
    [['auditor'], '/admin'],
    [['vendor_admin', 'annotator'], '/vendor'],
    [['auditor', 'lab_admin'], '/lab'],
    [[], null],
  ])('%j → %s', (roles, expected) => {
    expect(homePathForRoles(roles)).toBe(expected);
  });
});

describe('safeReturnUrl', () => {
  it('keeps in-app paths', () => {
    expect(safeReturnUrl('/lab/team')).toBe('/lab/team');
  });

  it.each([
    'https://evil.example',
    '//evil.example/x',
    '/\\evil.example',
    'lab',
    '',
    '/',
    '/login?x=1',
    '/register',
  ])('drops %j', (url) => {
    expect(safeReturnUrl(url)).toBeNull();
  });

  it('drops a missing value', () => {
    expect(safeReturnUrl(undefined)).toBeNull();
    expect(safeReturnUrl(null)).toBeNull();
  });
});
