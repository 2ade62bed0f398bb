import { DEFAULT_THEME, mergeMantineTheme } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { contrastRatio, READABLE_CONTRAST, readableColors, readableOn } from './readable-colors';
import { theme } from './theme';

const appTheme = mergeMantineTheme(DEFAULT_THEME, theme);
const { light } = readableColors(appTheme);
const colors = Object.entries(appTheme.colors);

/** The value the app sets for a light-scheme CSS variable. */
function valueOf(variable: `--${string}`): string {
  const value = light[variable];
  if (value === undefined) throw new Error(`${variable} is not set`);
  return value;
}

describe('readable colors', () => {
  it('matches WCAG contrast figures (white on black 21:1, Mantine gray 6 on white 3.3:1)', () => {
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#868e96', '#ffffff')).toBeCloseTo(3.32, 2);
  });

  it('keeps a color that already reads and darkens one that does not, only as far as needed', () => {
    expect(readableOn('#495057', '#ffffff')).toBe('#495057');
    const darkened = readableOn('#868e96', '#ffffff');
    expect(contrastRatio(darkened, '#ffffff')).toBeGreaterThanOrEqual(READABLE_CONTRAST);
    expect(contrastRatio(darkened, '#ffffff')).toBeLessThan(READABLE_CONTRAST + 0.5);
  });

  it.each(colors)(
    'a light badge in %s reads at AA on its tint and on the darker tint under the pointer',
    (name, shades) => {
      const text = valueOf(`--mantine-color-${name}-light-color`);
      expect(contrastRatio(text, shades[1])).toBeGreaterThanOrEqual(READABLE_CONTRAST);
      expect(contrastRatio(text, shades[2])).toBeGreaterThanOrEqual(READABLE_CONTRAST);
    },
  );

  it.each(colors)('text in %s reads at AA on white', (name) => {
    expect(
      contrastRatio(valueOf(`--mantine-color-${name}-text`), appTheme.white),
    ).toBeGreaterThanOrEqual(READABLE_CONTRAST);
  });

  it('dimmed text reads at AA on cards, the page and table heads; error text on white', () => {
    const { gray } = appTheme.colors;
    for (const background of [appTheme.white, gray[0], gray[1]]) {
      expect(contrastRatio(valueOf('--mantine-color-dimmed'), background)).toBeGreaterThanOrEqual(
        READABLE_CONTRAST,
      );
    }
    expect(contrastRatio(valueOf('--mantine-color-error'), appTheme.white)).toBeGreaterThanOrEqual(
      READABLE_CONTRAST,
    );
  });

  it('white on the primary filled color (buttons) reads at AA', () => {
    const shade = appTheme.primaryShade;
    const filled =
      appTheme.colors[appTheme.primaryColor]![typeof shade === 'number' ? shade : shade.light];
    expect(contrastRatio(appTheme.white, filled)).toBeGreaterThanOrEqual(READABLE_CONTRAST);
  });
});
