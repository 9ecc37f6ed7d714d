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

/** Registry nodes that are not organizations: a fund, a holding company, people. */
export const DEMO_ENTITIES: { name: string; kind: 'company' | 'fund' | 'person' }[] = [
  { name: 'Meridian Growth Fund II', kind: 'fund' },
  { name: 'Orchard Holdings Ltd', kind: 'company' },
  { name: 'Marcus Vale', kind: 'person' },
  { name: 'Ada Brennan', kind: 'person' },
];

/**
 * The ownership statements of the demo world, by name. Helios's stake and the contract carry the
 * date of the deal; the former CEO's move to Helios came a week later.
 */
export const DEMO_INTERESTS: {
  party: string;
  subject: string;
  type: 'shareholding' | 'votingRights' | 'boardMember' | 'seniorManagingOfficial' | 'rightsGrantedByContract' | 'boardChair';
  share?: { exact?: number; minimum?: number; maximum?: number };
  startDate: string;
  details?: string;
  source: string;
}[] = [
  { party: 'Helios Labs', subject: 'Lattice Data', type: 'shareholding', share: { exact: 49 }, startDate: '2026-06-12', details: 'Non-voting preferred shares', source: 'Lattice Data press release on the Helios investment' },
  { party: 'Helios Labs', subject: 'Lattice Data', type: 'votingRights', share: { exact: 0 }, startDate: '2026-06-12', details: 'The stake carries no votes', source: 'Lattice Data press release on the Helios investment' },
  { party: 'Helios Labs', subject: 'Lattice Data', type: 'rightsGrantedByContract', startDate: '2026-06-12', details: 'Reported priority access to Lattice capacity (unverified, press only)', source: 'Trade press report' },
  { party: 'Marcus Vale', subject: 'Lattice Data', type: 'boardMember', startDate: '2019-03-01', details: 'Founder and former CEO; kept his board seat', source: 'Lattice Data board page' },
  { party: 'Marcus Vale', subject: 'Helios Labs', type: 'seniorManagingOfficial', startDate: '2026-06-19', details: 'Head of Helios data programmes', source: 'Helios Labs announcement' },
  { party: 'Northwind AI', subject: 'Meridian Growth Fund II', type: 'shareholding', share: { minimum: 25, maximum: 35 }, startDate: '2024-01-15', details: 'Limited partner interest, band from the fund report', source: 'Meridian annual report 2025' },
  { party: 'Meridian Growth Fund II', subject: 'Kestrel Labeling', type: 'shareholding', share: { exact: 60 }, startDate: '2024-09-01', source: 'Kestrel Labeling register of members' },
  { party: 'Ada Brennan', subject: 'Kestrel Labeling', type: 'shareholding', share: { exact: 40 }, startDate: '2021-02-01', details: 'Founder', source: 'Kestrel Labeling register of members' },
  { party: 'Orchard Holdings Ltd', subject: 'Orchard & Vale', type: 'shareholding', share: { exact: 60 }, startDate: '2022-05-01', source: 'Orchard & Vale register of members' },
  { party: 'Orchard & Vale', subject: 'Orchard Holdings Ltd', type: 'shareholding', share: { exact: 20 }, startDate: '2022-05-01', details: 'Cross-holding', source: 'Orchard Holdings register of members' },
  { party: 'Cobalt Research', subject: 'Orchard Holdings Ltd', type: 'shareholding', share: { exact: 40 }, startDate: '2023-03-01', source: 'Orchard Holdings register of members' },
  { party: 'Cobalt Research', subject: 'Orchard & Vale', type: 'shareholding', share: { exact: 10 }, startDate: '2023-03-01', source: 'Orchard & Vale register of members' },
];
