import { Progress, type MantineColor, type MantineSize } from '@mantine/core';

interface LabelledProgressProps {
  /** What the bar measures: "API usage today". */
  label: string;
  /** What a screen reader says for its value: "9 / 100,000 (<1%)". */
  valueText: string;
  value: number;
  color?: MantineColor;
  size?: MantineSize;
  /** The bar moves without a known end. */
  animated?: boolean;
}

/**
 * A one-value progress bar that a screen reader reads as what it shows. Mantine's Progress
 * says only "9%" on its progressbar and puts any other aria attribute on a wrapper div, where
 * it is not allowed: here the progressbar carries the label and the words itself.
 */
export function LabelledProgress({
  label,
  valueText,
  value,
  color,
  size,
  animated = false,
}: LabelledProgressProps) {
  return (
    <Progress.Root size={size}>
      <Progress.Section
        value={value}
        color={color}
        striped={animated}
        animated={animated}
        withAria={false}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
        aria-valuetext={valueText}
      />
    </Progress.Root>
  );
}
