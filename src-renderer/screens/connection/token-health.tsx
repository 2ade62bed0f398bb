import { Badge, Code, Group, Text } from '@mantine/core';
import type { ConnectionStatus } from '../../../src-preload/contract';
import { FactList, type Fact } from '../../components/fact-list';
import { TimeFact } from './time-fact';

interface TokenHealthProps {
  token: ConnectionStatus['token'];
  now: number;
}

export function TokenHealth({ token, now }: TokenHealthProps) {
  if (!token) {
    return (
      <Text size="sm" c="dimmed">
        No sign-in details yet.
      </Text>
    );
  }
  const facts: Fact[] = [
    { label: 'Issued', value: <TimeFact iso={token.issuedAt} fallback="Unknown" now={now} /> },
    {
      label: 'Last refreshed',
      value: <TimeFact iso={token.lastRefreshedAt} fallback="Not yet" now={now} />,
    },
    {
      label: 'Can refresh',
      value: token.canRefresh ? (
        <Badge color="green" variant="light" radius="sm" tt="none">
          Yes
        </Badge>
      ) : (
        <Group gap="xs" wrap="nowrap">
          <Badge color="red" variant="light" radius="sm" tt="none" style={{ flexShrink: 0 }}>
            No
          </Badge>
          <Text size="xs" c="dimmed">
            connect again when it expires
          </Text>
        </Group>
      ),
    },
    {
      label: 'Scope',
      value: token.scope ? <Code>{token.scope}</Code> : <Text size="sm">Unknown</Text>,
    },
  ];
  return <FactList facts={facts} />;
}
