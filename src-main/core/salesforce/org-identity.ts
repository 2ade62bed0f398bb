import { z } from 'zod';
import type { SalesforceConnection } from './salesforce-connection';

const userInfoSchema = z.object({
  user_id: z.string(),
  organization_id: z.string(),
  preferred_username: z.string(),
  name: z.string(),
  email: z.string(),
});

export interface OrgIdentity {
  organizationId: string;
  userId: string;
  username: string;
  displayName: string;
  email: string;
}

/** Who is signed in (userinfo) and, in the same breath, the org's API usage (limits). */
export async function fetchOrgIdentity(salesforce: SalesforceConnection): Promise<OrgIdentity> {
  const info = await salesforce.call(async (connection) =>
    userInfoSchema.parse(await connection.request('/services/oauth2/userinfo')),
  );
  await salesforce.measureApiUsage();
  return {
    organizationId: info.organization_id,
    userId: info.user_id,
    username: info.preferred_username,
    displayName: info.name,
    email: info.email,
  };
}
