/** A NumberInput's value (a number, or the text while it is not one) as a whole number in range. */
export function wholeNumberIn(value: number | string, min: number, max: number): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
    ? value
    : null;
}
