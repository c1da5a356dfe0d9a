// Draws ScrBot's two Teams icons and writes them to manifest/:
//   color.png   192x192, full colour: a white shield with a tick on the accent colour
//   outline.png 32x32, the same shield and tick as a white outline on a transparent background
// Usage: node tools/manifest/make-icons.mjs [--out <folder>]   (default: manifest/)
// The PNGs are committed; run this again only to change the artwork.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { encodePng } from "./png.mjs";

export const ACCENT = [0x1b, 0x4f, 0x72]; // #1B4F72, the manifest's accentColor
const SAMPLES = 5; // 5x5 samples a pixel for smooth edges

// The shield, in its own coordinates (x to the right, y downwards), as a polygon.
function shieldPolygon() {
  const points = [[0, -1], [1, -0.72], [1, 0.05]];
  // right flank: a quadratic curve from (1, 0.05) through control (1, 0.72) to the point (0, 1.12)
  const curve = [];
  for (let i = 1; i <= 24; i++) {
    const t = i / 24;
    const a = (1 - t) * (1 - t), b = 2 * (1 - t) * t, c = t * t;
    curve.push([a * 1 + b * 1 + c * 0, a * 0.05 + b * 0.72 + c * 1.12]);
  }
  points.push(...curve);
  const left = points.slice(1, -1).reverse().map(([x, y]) => [-x, y]);
  return [...points, ...left];
}

const SHIELD = shieldPolygon();
const TICK = [[-0.46, 0.04], [-0.12, 0.38], [0.48, -0.3]];

function segmentDistance(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Signed distance to the polygon's edge: negative inside. */
function polygonDistance(px, py, poly) {
  let d = Infinity;
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i], [xj, yj] = poly[j];
    d = Math.min(d, segmentDistance(px, py, poly[j], poly[i]));
    if ((yi > py) !== (yj > py) && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside ? -d : d;
}

function polylineDistance(px, py, line) {
  let d = Infinity;
  for (let i = 1; i < line.length; i++) d = Math.min(d, segmentDistance(px, py, line[i - 1], line[i]));
  return d;
}

/**
 * Renders an icon. `paint(x, y)` is called with shield coordinates and returns [r, g, b, a] (0..1)
 * for that sample point; samples are averaged per pixel in premultiplied form.
 */
function render(size, centreX, centreY, scale, paint) {
  const rgba = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SAMPLES - centreX) / scale;
          const y = (py + (sy + 0.5) / SAMPLES - centreY) / scale;
          const [cr, cg, cb, ca] = paint(x, y);
          r += cr * ca; g += cg * ca; b += cb * ca; a += ca;
        }
      }
      const n = SAMPLES * SAMPLES;
      const o = (py * size + px) * 4;
      const alpha = a / n;
      rgba[o + 3] = Math.round(alpha * 255);
      if (alpha > 0) {
        rgba[o] = Math.round((r / a) * 255);
        rgba[o + 1] = Math.round((g / a) * 255);
        rgba[o + 2] = Math.round((b / a) * 255);
      }
    }
  }
  return rgba;
}

const accent = ACCENT.map((v) => v / 255);
const WHITE = [1, 1, 1];

export function colorIcon() {
  const size = 192;
  const tickHalfWidth = 0.11;
  return encodePng(size, size, render(size, 96, 90, 50, (x, y) => {
    const inShield = polygonDistance(x, y, SHIELD) <= 0;
    const onTick = polylineDistance(x, y, TICK) <= tickHalfWidth;
    return inShield && !onTick ? [...WHITE, 1] : [...accent, 1];
  }));
}

export function outlineIcon() {
  const size = 32;
  const scale = 12.5;
  const stroke = 2 / scale; // a 2-pixel border
  const tickHalfWidth = 1.1 / scale;
  return encodePng(size, size, render(size, 16, 15, scale, (x, y) => {
    const d = polygonDistance(x, y, SHIELD);
    const onBorder = d <= 0 && d >= -stroke;
    const onTick = polylineDistance(x, y, TICK) <= tickHalfWidth;
    return onBorder || onTick ? [...WHITE, 1] : [...WHITE, 0];
  }));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const at = args.indexOf("--out");
  const outDir = at >= 0 && args[at + 1]
    ? args[at + 1]
    : join(dirname(fileURLToPath(import.meta.url)), "..", "..", "manifest");
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, "color.png"), colorIcon());
  writeFileSync(join(outDir, "outline.png"), outlineIcon());
  console.log(`wrote ${join(outDir, "color.png")} and ${join(outDir, "outline.png")}`);
}
