/** jsforce defaults to v50.0; every call Leadbridge makes names this version. */
export const SALESFORCE_API_VERSION = '62.0';
