import { MantineProvider } from '@mantine/core';
import type { AppStores } from '../stores/app-stores';
import { StoresProvider } from '../stores/stores-context';
import { AppFrame } from './app-frame';
import { readableColors } from './readable-colors';
import { theme } from './theme';

export function App({ stores }: { stores: AppStores }) {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={readableColors} defaultColorScheme="light">
      <StoresProvider stores={stores}>
        <AppFrame />
      </StoresProvider>
    </MantineProvider>
  );
}
