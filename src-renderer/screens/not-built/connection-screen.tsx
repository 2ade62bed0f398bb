import { NotBuiltScreen } from './not-built-screen';

export function ConnectionScreen() {
  return (
    <NotBuiltScreen
      title="Connection"
      purpose="Connect a Salesforce org"
      description="Connect Leadbridge to a Salesforce org (Production, Sandbox, My Domain, or a demo org), see which org and user it is signed in as, and disconnect."
    />
  );
}
