import { Text, TextInput } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { formatWholeNumber, type WholeNumberRange } from '../../../src-preload/contract';
import { readWholeNumber, wholeNumberMessage } from './whole-number';

export interface WholeNumberField {
  range: WholeNumberRange;
  /** Exactly what the person typed: never rounded, clamped or reformatted. */
  text: string;
  setText(text: string): void;
  /** The number it reads as, or null while it is not a whole number in range. */
  value: number | null;
  reset(): void;
}

/** A field's text, starting from the saved value written as Leadbridge writes numbers. */
export function useWholeNumberField(saved: number, range: WholeNumberRange): WholeNumberField {
  const [text, setText] = useState(() => formatWholeNumber(saved, range));
  return {
    range,
    text,
    setText,
    value: readWholeNumber(text, range),
    reset: () => setText(formatWholeNumber(saved, range)),
  };
}

interface WholeNumberInputProps {
  field: WholeNumberField;
  label: string;
  description?: ReactNode;
  /** Shown inside the field after the number: "min", "%", "Leads". */
  unit?: string;
  /** Of the input box; the label, description and message may use the whole column. */
  width: number;
  /** Of the whole field, where it sits in a row beside others. */
  w?: number;
  disabled?: boolean;
}

/**
 * A text field, not Mantine's NumberInput: that one drops a typed "." (1.5 became 15) and
 * clamps on blur (5 % became 10 %), changing what the person typed behind their back.
 */
export function WholeNumberInput({
  field,
  label,
  description,
  unit,
  width,
  w,
  disabled,
}: WholeNumberInputProps) {
  return (
    <TextInput
      label={label}
      description={description}
      value={field.text}
      onChange={(event) => field.setText(event.currentTarget.value)}
      inputMode="numeric"
      autoComplete="off"
      spellCheck={false}
      w={w}
      styles={{ wrapper: { maxWidth: width } }}
      rightSection={
        unit ? (
          <Text size="sm" c="dimmed" aria-hidden>
            {unit}
          </Text>
        ) : undefined
      }
      rightSectionWidth={unit ? unit.length * 8 + 20 : undefined}
      rightSectionPointerEvents="none"
      error={field.value === null ? wholeNumberMessage(field.range) : undefined}
      disabled={disabled}
    />
  );
}
