/**
 * Draws the add-in icons (assets/icon-{16,32,64,80,128}.png): a green rounded square (Excel's green) with a
 * white sheet grid and a check mark. A tiny PNG encoder: RGBA rows, zlib (deflateSync) and CRC32 chunks.
 * Edges are anti-aliased by 4×4 supersampling. Run: node -r ts-node/register/transpile-only scripts/make-icons.ts
 */
import { writeFileSync, mkdirSync } from "fs";
import { join } from "path";
import { deflateSync } from "zlib";

const SIZES = [16, 32, 64, 80, 128];

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(buf: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), Buffer.from(data)]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** Encodes RGBA pixels (width × height × 4 bytes) as an 8-bit truecolour-with-alpha PNG. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  // Each row starts with filter type 0 (none).
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", new Uint8Array(0)),
  ]);
}

type RGB = [number, number, number];
const GREEN: RGB = [0x21, 0x73, 0x46];
const WHITE: RGB = [0xff, 0xff, 0xff];
const LIGHT: RGB = [0xc6, 0xe8, 0xd3];

/** Distance from point p to segment ab, in the unit square. */
function segDist(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Colour of one sample point (x, y in 0..1), or undefined for transparent. */
function sample(x: number, y: number, size: number): RGB | undefined {
  const m = 0.04; // margin
  const r = 0.18; // corner radius
  const cx = Math.min(Math.max(x, m + r), 1 - m - r);
  const cy = Math.min(Math.max(y, m + r), 1 - m - r);
  if (Math.hypot(x - cx, y - cy) > r) return undefined;
  // Check mark (drawn over everything): thicker on small icons so it stays legible.
  const w = size <= 16 ? 0.1 : size <= 32 ? 0.085 : 0.075;
  if (segDist(x, y, 0.3, 0.55, 0.45, 0.7) < w || segDist(x, y, 0.45, 0.7, 0.76, 0.32) < w) return WHITE;
  // A pale sheet grid behind the check, only where there is room for it.
  if (size >= 32) {
    const inSheet = x > 0.18 && x < 0.82 && y > 0.2 && y < 0.8;
    const line = 0.018;
    const onGrid =
      [0.2, 0.4, 0.6, 0.8].some((gy) => Math.abs(y - gy) < line) ||
      [0.18, 0.39, 0.61, 0.82].some((gx) => Math.abs(x - gx) < line);
    if (inSheet && onGrid) return LIGHT;
    if (onGrid && x >= 0.18 - line && x <= 0.82 + line && y >= 0.2 - line && y <= 0.8 + line) return LIGHT;
  }
  return GREEN;
}

export function drawIcon(size: number): Buffer {
  const ss = 4;
  const px = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < ss; sy++)
        for (let sx = 0; sx < ss; sx++) {
          const c = sample((x + (sx + 0.5) / ss) / size, (y + (sy + 0.5) / ss) / size, size);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a++;
        }
      const i = (y * size + x) * 4;
      if (a) {
        px[i] = Math.round(r / a);
        px[i + 1] = Math.round(g / a);
        px[i + 2] = Math.round(b / a);
        px[i + 3] = Math.round((255 * a) / (ss * ss));
      }
    }
  return encodePng(size, size, px);
}

if (require.main === module) {
  const dir = join(__dirname, "..", "assets");
  mkdirSync(dir, { recursive: true });
  for (const size of SIZES) {
    const file = join(dir, `icon-${size}.png`);
    writeFileSync(file, drawIcon(size));
    console.log(`wrote ${file}`);
  }
}
