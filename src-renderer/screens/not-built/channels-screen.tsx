import { NotBuiltScreen } from './not-built-screen';

export function ChannelsScreen() {
  return (
    <NotBuiltScreen
      title="Channels"
      purpose="Define Import, Intercept and Update channels"
      description="Build Import, Intercept and Update channel rules: conditions on Lead field values and field changes, and the Lead fields to update when a meeting's status changes."
    />
  );
}
