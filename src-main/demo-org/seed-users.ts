// The org's users: the sales team that owns the seeded Leads, the meeting hosts Leadbridge routes
// Leads to, and the awkward cases a real org has (a deactivated user, two active users sharing
// one email address).
import type { SfRecord } from './schema-types';

export interface DemoUser {
  FirstName: string;
  LastName: string;
  Email: string;
  Title: string;
  TimeZoneSidKey: string;
  /** Usernames are unique across Salesforce; default: the email with `demo.` after the `@`. */
  Username?: string;
  /** Default true. */
  IsActive?: boolean;
  /** Seeded Leads are owned by the sales team only. */
  ownsSeededLeads?: boolean;
}

/** The first user is the one every session acts as; the order fixes every user's id. */
export const DEMO_USERS: readonly DemoUser[] = [
  {
    FirstName: 'Dana',
    LastName: 'Demo',
    Email: 'dana.demo@leadbridge-demo.example',
    Title: 'Sales Operations Admin',
    TimeZoneSidKey: 'America/Los_Angeles',
    ownsSeededLeads: true,
  },
  {
    FirstName: 'Marcus',
    LastName: 'Reyes',
    Email: 'marcus.reyes@leadbridge-demo.example',
    Title: 'Account Executive',
    TimeZoneSidKey: 'America/New_York',
    ownsSeededLeads: true,
  },
  {
    FirstName: 'Priya',
    LastName: 'Natarajan',
    Email: 'priya.natarajan@leadbridge-demo.example',
    Title: 'Sales Development Rep',
    TimeZoneSidKey: 'America/Los_Angeles',
    ownsSeededLeads: true,
  },
  {
    FirstName: 'Tom',
    LastName: 'Becker',
    Email: 'tom.becker@leadbridge-demo.example',
    Title: 'Sales Development Rep',
    TimeZoneSidKey: 'Europe/London',
    ownsSeededLeads: true,
  },
  {
    FirstName: 'Aiko',
    LastName: 'Sato',
    Email: 'aiko.sato@leadbridge-demo.example',
    Title: 'Account Executive',
    TimeZoneSidKey: 'Asia/Tokyo',
    ownsSeededLeads: true,
  },
  {
    FirstName: 'Lucía',
    LastName: 'Fernández',
    Email: 'lucia.fernandez@leadbridge-demo.example',
    Title: 'Sales Manager',
    TimeZoneSidKey: 'Europe/Paris',
    ownsSeededLeads: true,
  },
  {
    FirstName: 'Alex',
    LastName: 'Host',
    Email: 'alex.host@leadbridge.demo',
    Title: 'Account Executive',
    TimeZoneSidKey: 'America/New_York',
  },
  {
    FirstName: 'Sam',
    LastName: 'Host',
    Email: 'sam.host@leadbridge.demo',
    Title: 'Account Executive',
    TimeZoneSidKey: 'Europe/London',
  },
  {
    FirstName: 'Jordan',
    LastName: 'Left',
    Email: 'jordan.left@leadbridge.demo',
    Title: 'Account Executive',
    TimeZoneSidKey: 'America/Los_Angeles',
    IsActive: false,
  },
  // One person with a second, admin login: both users are active and share the email.
  {
    FirstName: 'Casey',
    LastName: 'Twin',
    Email: 'casey.twin@leadbridge.demo',
    Title: 'Account Executive',
    TimeZoneSidKey: 'Europe/Paris',
  },
  {
    FirstName: 'Casey',
    LastName: 'Twin (Admin)',
    Email: 'casey.twin@leadbridge.demo',
    Username: 'casey.twin.admin@demo.leadbridge.demo',
    Title: 'Sales Operations Admin',
    TimeZoneSidKey: 'Europe/Paris',
  },
];

/** The emails of the users who own seeded Leads (found again in a loaded org by email). */
export const LEAD_OWNER_EMAILS: ReadonlySet<string> = new Set(
  DEMO_USERS.filter((user) => user.ownsSeededLeads).map((user) => user.Email),
);

/** The stored User record; `creatorId` is the first user's id (the first user creates itself). */
export function userRecord(user: DemoUser, id: string, creatorId: string, stamp: string): SfRecord {
  const alias = (user.FirstName.slice(0, 1) + user.LastName.slice(0, 4)).toLowerCase();
  return {
    Id: id,
    Username: user.Username ?? user.Email.replace('@', '@demo.'),
    FirstName: user.FirstName,
    LastName: user.LastName,
    Name: `${user.FirstName} ${user.LastName}`,
    Email: user.Email,
    Alias: alias.normalize('NFD').replace(/[^a-z]/g, ''),
    Title: user.Title,
    IsActive: user.IsActive ?? true,
    TimeZoneSidKey: user.TimeZoneSidKey,
    CreatedDate: stamp,
    CreatedById: creatorId,
    LastModifiedDate: stamp,
    LastModifiedById: creatorId,
    SystemModstamp: stamp,
  };
}
