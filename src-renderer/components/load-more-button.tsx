import { Button, Center } from '@mantine/core';

/** Under a paged list: fetches the next page, saying how many rows it brings; gone at the end. */
export function LoadMoreButton({
  shown,
  total,
  pageSize,
  loading,
  onLoad,
}: {
  shown: number;
  total: number;
  pageSize: number;
  loading: boolean;
  onLoad(): void;
}) {
  if (shown >= total) return null;
  return (
    <Center py="sm">
      <Button size="xs" variant="default" onClick={onLoad} loading={loading}>
        Load {Math.min(pageSize, total - shown).toLocaleString()} more
      </Button>
    </Center>
  );
}
