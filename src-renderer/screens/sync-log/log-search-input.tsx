import { SearchInput } from '../../components/search-input';
import { useLogStore } from '../../stores/stores-context';

export function LogSearchInput() {
  const searchText = useLogStore((state) => state.searchText);
  const setSearchText = useLogStore((state) => state.setSearchText);
  const setSearch = useLogStore((state) => state.setSearch);
  return (
    <SearchInput
      label="Search the log"
      placeholder="Lead Id, name or email"
      value={searchText}
      onChange={setSearchText}
      onSubmit={(text) => void setSearch(text)}
      width={180}
    />
  );
}
