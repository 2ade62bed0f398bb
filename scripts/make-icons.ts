/**
 * Draws Leadbridge's icons into resources/ with no image tooling: shapes are sampled on a
 * sub-pixel grid (for smooth edges) and written as PNG with node:zlib. Run after changing
 * a colour or a shape: `npm exec -- tsx scripts/make-icons.ts`; commit the output.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';

type Rgb = readonly [number, number, number];
/** Answers "is this point (0..1 on both axes) inside?" */
type Shape = (x: number, y: number) => boolean;
interface Layer {
  shape: Shape;
  color: Rgb;
}

const brand = {
  idle: [0x1c, 0x7e, 0xd6],
  syncing: [0xf5, 0x9f, 0x00],
  error: [0xe0, 0x31, 0x31],
} as const satisfies Record<string, Rgb>;
const white: Rgb = [255, 255, 255];
const black: Rgb = [0, 0, 0];

function rect(x0: number, y0: number, x1: number, y1: number): Shape {
  return (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
}

function roundedRect(x0: number, y0: number, x1: number, y1: number, r: number): Shape {
  return (x, y) => {
    if (!rect(x0, y0, x1, y1)(x, y)) return false;
    const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
    const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
    return dx * dx + dy * dy <= r * r;
  };
}

function circle(cx: number, cy: number, r: number): Shape {
  return (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** The upper half of a ring: the bridge's arch. */
function arch(cx: number, cy: number, inner: number, outer: number): Shape {
  return (x, y) => {
    const d = (x - cx) ** 2 + (y - cy) ** 2;
    return y <= cy && d <= outer * outer && d >= inner * inner;
  };
}

function union(...shapes: Shape[]): Shape {
  return (x, y) => shapes.some((shape) => shape(x, y));
}

// Edges sit on sixteenths, so the 16px tray icon stays crisp instead of smeared.
const letterL = union(rect(0.25, 0.1875, 0.4375, 0.8125), rect(0.25, 0.625, 0.75, 0.8125));
const bridgeArch = arch(0.5938, 0.635, 0.08, 0.156);
const syncingBadge = circle(0.75, 0.3125, 0.125);
const errorBadge = union(rect(0.6875, 0.125, 0.8125, 0.4375), rect(0.6875, 0.5, 0.8125, 0.625));
const tile = roundedRect(0.03, 0.03, 0.97, 0.97, 0.22);

type State = keyof typeof brand;

function badge(state: State): Shape[] {
  if (state === 'syncing') return [syncingBadge];
  if (state === 'error') return [errorBadge];
  return [];
}

/** Coloured tray icon (Windows, Linux): the state's colour and a badge for those who can't tell colours apart. */
function trayLayers(state: State): Layer[] {
  return [
    { shape: tile, color: brand[state] },
    ...[letterL, ...badge(state)].map((shape) => ({ shape, color: white })),
  ];
}

/** macOS template: black on transparent, the menu bar recolours it; the badge carries the state. */
function templateLayers(state: State): Layer[] {
  return [letterL, ...badge(state)].map((shape) => ({ shape, color: black }));
}

const appLayers: Layer[] = [
  { shape: tile, color: brand.idle },
  { shape: letterL, color: white },
  { shape: bridgeArch, color: white },
];

function render(size: number, layers: Layer[], samples = 4): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const layer of layers) {
        let hits = 0;
        for (let sy = 0; sy < samples; sy++) {
          for (let sx = 0; sx < samples; sx++) {
            const x = (px + (sx + 0.5) / samples) / size;
            const y = (py + (sy + 0.5) / samples) / size;
            if (layer.shape(x, y)) hits++;
          }
        }
        const cover = hits / (samples * samples);
        if (cover === 0) continue;
        // "Over" compositing with straight (non-premultiplied) alpha.
        const outA = cover + a * (1 - cover);
        const mix = (src: number, dst: number) => (src * cover + dst * a * (1 - cover)) / outA;
        [r, g, b, a] = [
          mix(layer.color[0], r),
          mix(layer.color[1], g),
          mix(layer.color[2], b),
          outA,
        ];
      }
      pixels.set([r, g, b, a * 255].map(Math.round), (py * size + px) * 4);
    }
  }
  return encodePng(size, pixels);
}

function encodePng(size: number, rgba: Buffer): Buffer {
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    // Each scanline starts with its filter type; 0 (none) keeps the encoder trivial.
    rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no filter set, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

const outDir = new URL('../resources/', import.meta.url);
fs.mkdirSync(outDir, { recursive: true });
const write = (name: string, png: Buffer) => {
  fs.writeFileSync(new URL(name, outDir), png);
  process.stdout.write(`resources/${name} (${png.length} bytes)\n`);
};

write('icon.png', render(512, appLayers));
for (const state of Object.keys(brand) as State[]) {
  for (const [suffix, size] of [
    ['', 16],
    ['@2x', 32],
  ] as const) {
    write(`tray-${state}${suffix}.png`, render(size, trayLayers(state), 8));
    write(`tray-${state}Template${suffix}.png`, render(size, templateLayers(state), 8));
  }
}
