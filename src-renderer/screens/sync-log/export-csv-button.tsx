import { Button, Tooltip } from '@mantine/core';
import { saveTextFile } from '../../components/save-text-file';
import { useLogStore } from '../../stores/stores-context';

export function ExportCsvButton() {
  const exporting = useLogStore((state) => state.exporting);
  const exportCsv = useLogStore((state) => state.exportCsv);
  const filtered = useLogStore((state) => state.kinds.length > 0 || state.search !== '');

  const run = async () => {
    const file = await exportCsv();
    if (file) saveTextFile(file.fileName, file.csv);
  };

  return (
    <Tooltip
      label={
        filtered ? 'Exports the entries matching the filter and search' : 'Exports the whole log'
      }
      withArrow
    >
      <Button size="xs" variant="default" onClick={() => void run()} loading={exporting}>
        Export CSV
      </Button>
    </Tooltip>
  );
}
