// Draws media/icon.png (128×128): a page with a tick, anti-aliased by supersampling.
// Pure Node (zlib) so making the icon needs nothing from outside the project.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const N = 128, SS = 4;
const px = new Float32Array(N * N * 4);
const inRoundRect = (x, y, x0, y0, x1, y1, r) => {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r), cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return x >= x0 && x <= x1 && y >= y0 && y <= y1 && (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const distToSegment = (x, y, ax, ay, bx, by) => {
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay)));
};
const colourAt = (x, y) => {
  let c = [0, 0, 0, 0];
  if (inRoundRect(x, y, 4, 4, 124, 124, 22)) c = [31, 58, 95, 255]; // navy tile
  // the page, with a folded corner
  if (x >= 30 && x <= 98 && y >= 20 && y <= 108 && !(x > 78 && y < 40 && x - 78 > y - 20)) c = [245, 247, 250, 255];
  if (x > 78 && y < 40 && x - 78 <= y - 20 && x <= 98 && y >= 20) c = [200, 210, 222, 255];
  for (const ly of [52, 64]) if (y >= ly - 2.5 && y <= ly + 2.5 && x >= 42 && x <= 86) c = [150, 165, 185, 255];
  // the tick
  const d = Math.min(distToSegment(x, y, 46, 84, 58, 96), distToSegment(x, y, 58, 96, 88, 70));
  if (d <= 6) c = [46, 160, 90, 255];
  return c;
};
for (let y = 0; y < N; y++)
  for (let x = 0; x < N; x++) {
    const acc = [0, 0, 0, 0];
    for (let sy = 0; sy < SS; sy++)
      for (let sx = 0; sx < SS; sx++) {
        const c = colourAt(x + (sx + 0.5) / SS, y + (sy + 0.5) / SS);
        for (let i = 0; i < 3; i++) acc[i] += c[i] * c[3];
        acc[3] += c[3];
      }
    const i = (y * N + x) * 4;
    for (let k = 0; k < 3; k++) px[i + k] = acc[3] ? acc[k] / acc[3] : 0;
    px[i + 3] = acc[3] / (SS * SS);
  }
const raw = Buffer.alloc(N * (N * 4 + 1));
for (let y = 0; y < N; y++) {
  raw[y * (N * 4 + 1)] = 0;
  for (let x = 0; x < N * 4; x++) raw[y * (N * 4 + 1) + 1 + x] = Math.round(px[y * N * 4 + x]);
}
const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
const chunk = (type, data) => {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const c = Buffer.alloc(4); c.writeUInt32BE(crc(td));
  return Buffer.concat([len, td, c]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0); ihdr.writeUInt32BE(N, 4); ihdr[8] = 8; ihdr[9] = 6;
writeFileSync(new URL('../media/icon.png', import.meta.url), Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]));
console.log('wrote media/icon.png');
