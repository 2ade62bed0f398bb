import { CloseButton, TextInput } from '@mantine/core';

interface SearchInputProps {
  label: string;
  placeholder: string;
  value: string;
  onChange(value: string): void;
  /** Enter and the clear button apply at once instead of waiting for the debounce. */
  onSubmit(value: string): void;
  width?: number;
  size?: 'xs' | 'sm';
}

export function SearchInput({
  label,
  placeholder,
  value,
  onChange,
  onSubmit,
  width = 260,
  size = 'xs',
}: SearchInputProps) {
  return (
    <TextInput
      type="search"
      aria-label={label}
      placeholder={placeholder}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') onSubmit(event.currentTarget.value);
        if (event.key === 'Escape' && value !== '') onSubmit('');
      }}
      size={size}
      w={width}
      spellCheck={false}
      autoComplete="off"
      rightSection={
        value !== '' ? (
          <CloseButton size="sm" aria-label="Clear the search" onClick={() => onSubmit('')} />
        ) : null
      }
    />
  );
}
