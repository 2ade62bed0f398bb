import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';

interface NotBuiltScreenProps {
  title: string;
  /** What the user will do here, as a short imperative ("Connect a Salesforce org"). */
  purpose: string;
  /** What the screen will let the user do, in their words. */
  description: string;
}

/** An honest placeholder: says what will be here, offers nothing that does not work yet. */
export function NotBuiltScreen({ title, purpose, description }: NotBuiltScreenProps) {
  return (
    <Stack gap="sm" maw={720}>
      <Title order={2} fz="xl">
        {title}
      </Title>
      <Paper p="md" withBorder style={{ borderStyle: 'dashed' }}>
        <Group gap="xs" mb={6}>
          <Text fw={600}>{purpose}</Text>
          <Badge variant="light" color="gray" size="sm" radius="sm" tt="none">
            Not available yet
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {description}
        </Text>
      </Paper>
    </Stack>
  );
}
