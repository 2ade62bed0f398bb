import { darken, luminance, type CSSVariablesResolver } from '@mantine/core';

/** WCAG 2 level AA for text of normal size. */
export const READABLE_CONTRAST = 4.5;

export function contrastRatio(first: string, second: string): number {
  const [lighter, darker] = [luminance(first), luminance(second)].sort((a, b) => b - a);
  return (lighter! + 0.05) / (darker! + 0.05);
}

/** The color, darkened only as far as it needs to read at AA on each of the backgrounds. */
export function readableOn(color: string, ...backgrounds: string[]): string {
  for (let step = 0; step < 50; step += 1) {
    const candidate = step === 0 ? color : darken(color, step / 50);
    if (
      backgrounds.every((background) => contrastRatio(candidate, background) >= READABLE_CONTRAST)
    )
      return candidate;
  }
  return '#000000';
}

/**
 * Mantine's default palette puts text below AA where this app uses it on every screen:
 * dimmed gray on white (3.3:1), a light badge's text on its tint (green 3.8:1), red or teal
 * text on white. The same hues, darkened only where they fall short.
 */
export const readableColors: CSSVariablesResolver = (theme) => {
  const { gray, red } = theme.colors;
  const filled =
    typeof theme.primaryShade === 'number' ? theme.primaryShade : theme.primaryShade.light;
  const light: Record<string, string> = {
    // Dimmed text sits on cards (white), the page (gray 0) and table heads (gray 1).
    '--mantine-color-dimmed': readableOn(gray[6], theme.white, gray[0], gray[1]),
    '--mantine-color-error': readableOn(red[6], theme.white),
  };
  for (const [name, shades] of Object.entries(theme.colors)) {
    // A light badge or button on its tint, and on the darker tint under the pointer.
    light[`--mantine-color-${name}-light-color`] = readableOn(shades[9], shades[1], shades[2]);
    // Text in a color (`c="teal"`), on white.
    light[`--mantine-color-${name}-text`] = readableOn(shades[filled], theme.white);
  }
  return { variables: {}, light, dark: {} };
};
