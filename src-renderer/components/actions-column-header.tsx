import { Table, VisuallyHidden } from '@mantine/core';

/** The head of a table's column of row buttons: blank on screen, "Actions" to a screen reader. */
export function ActionsColumnHeader({ w }: { w?: number }) {
  return (
    <Table.Th w={w}>
      <VisuallyHidden>Actions</VisuallyHidden>
    </Table.Th>
  );
}
