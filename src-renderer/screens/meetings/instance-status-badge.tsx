import { Badge, Tooltip } from '@mantine/core';
import type { InstanceStatus } from '../../../src-preload/contract';
import { instanceStatusLook } from './instance-look';

export function InstanceStatusBadge({ status }: { status: InstanceStatus }) {
  const look = instanceStatusLook(status);
  return (
    <Tooltip label={look.hint} withArrow openDelay={300}>
      <Badge variant="light" color={look.color} radius="sm" tt="none" data-status={status}>
        {look.label}
      </Badge>
    </Tooltip>
  );
}
