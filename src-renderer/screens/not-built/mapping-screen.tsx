import { NotBuiltScreen } from './not-built-screen';

export function MappingScreen() {
  return (
    <NotBuiltScreen
      title="Mapping"
      purpose="Map Salesforce fields to Leadbridge"
      description="Map Salesforce Lead fields (by API name, with their labels) to Leadbridge fields and booking fields. Fields renamed or removed in Salesforce will be reported here."
    />
  );
}
