import type { OrgKind, Role } from '@quorum/contracts';

/**
 * The demo world of DESIGN.md, with fictional names only. Helios Labs takes a 49% non-voting stake
 * in Lattice Data (the large vendor) and hired its former CEO, who still sits on Lattice's board;
 * Kestrel Labeling is owned through a fund that Northwind AI owns part of; Orchard & Vale sits in a
 * shareholding cycle; Fernway and Tessellate are neutral.
 */
export const DEMO_PASSWORD = 'quorum-demo-2026';

export interface DemoOrg {
  name: string;
  kind: OrgKind;
  users: { email: string; displayName: string; roles: Role[] }[];
}

export const DEMO_ORGS: DemoOrg[] = [
  { name: 'Quorum Platform', kind: 'platform', users: [{ email: 'auditor@quorum.local', displayName: 'Ines Auditor', roles: ['auditor'] }] },
  {
    name: 'Northwind AI',
    kind: 'lab',
    users: [
      { email: 'lab@northwind.example', displayName: 'Nadia Okafor', roles: ['lab_admin'] },
      { email: 'member@northwind.example', displayName: 'Tomas Lind', roles: ['lab_member'] },
    ],
  },
  { name: 'Helios Labs', kind: 'lab', users: [{ email: 'lab@helios.example', displayName: 'Priya Raman', roles: ['lab_admin'] }] },
  { name: 'Cobalt Research', kind: 'lab', users: [{ email: 'lab@cobalt.example', displayName: 'Jonas Weber', roles: ['lab_admin'] }] },
  {
    name: 'Lattice Data',
    kind: 'vendor',
    users: [
      { email: 'admin@lattice.example', displayName: 'Maya Chen', roles: ['vendor_admin'] },
      { email: 'annotator1@lattice.example', displayName: 'Luis Ortega', roles: ['annotator'] },
      { email: 'annotator2@lattice.example', displayName: 'Amara Diallo', roles: ['annotator'] },
      { email: 'reviewer@lattice.example', displayName: 'Sven Holm', roles: ['reviewer'] },
    ],
  },
  {
    name: 'Fernway Annotations',
    kind: 'vendor',
    users: [
      { email: 'admin@fernway.example', displayName: 'Olga Petrova', roles: ['vendor_admin'] },
      { email: 'annotator1@fernway.example', displayName: 'Kwame Mensah', roles: ['annotator'] },
      { email: 'annotator2@fernway.example', displayName: 'Hana Sato', roles: ['annotator'] },
      { email: 'reviewer@fernway.example', displayName: 'Bruno Costa', roles: ['reviewer'] },
    ],
  },
  {
    name: 'Kestrel Labeling',
    kind: 'vendor',
    users: [
      { email: 'admin@kestrel.example', displayName: 'Irene Novak', roles: ['vendor_admin'] },
      { email: 'annotator1@kestrel.example', displayName: 'Dev Patel', roles: ['annotator'] },
    ],
  },
  {
    name: 'Orchard & Vale',
    kind: 'vendor',
    users: [
      { email: 'admin@orchardvale.example', displayName: 'Lea Fischer', roles: ['vendor_admin'] },
      { email: 'annotator1@orchardvale.example', displayName: 'Omar Haddad', roles: ['annotator'] },
    ],
  },
  {
    name: 'Tessellate Labs',
    kind: 'vendor',
    users: [
      { email: 'admin@tessellate.example', displayName: 'Rosa Martin', roles: ['vendor_admin'] },
      { email: 'annotator1@tessellate.example', displayName: 'Yuki Tanaka', roles: ['annotator'] },
    ],
  },
];
