// SVG to PNG without a browser or native packages: resvg compiled to WASM, with a bundled font that has Vietnamese.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

type ResvgModule = typeof import('@resvg/resvg-wasm');
let ready: Promise<{ font: Uint8Array; Resvg: ResvgModule['Resvg'] }> | undefined;

/** Loads the renderer and the font once per process (about 2 MB); later calls reuse them. */
function load(): Promise<{ font: Uint8Array; Resvg: ResvgModule['Resvg'] }> {
  ready ??= (async () => {
    const require = createRequire(import.meta.url);
    const [resvg, wasm, font] = await Promise.all([
      import('@resvg/resvg-wasm'),
      readFile(require.resolve('@resvg/resvg-wasm/index_bg.wasm')),
      readFile(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    ]);
    await resvg.initWasm(wasm);
    return { font: new Uint8Array(font), Resvg: resvg.Resvg };
  })();
  return ready;
}

export async function svgToPng(svg: string): Promise<Uint8Array> {
  const { font, Resvg } = await load();
  const resvg = new Resvg(svg, {
    font: { fontBuffers: [font], defaultFontFamily: 'DejaVu Sans', loadSystemFonts: false },
  });
  return resvg.render().asPng();
}

/** Width and height from a PNG's header (IHDR), for checks. */
export function pngSize(png: Uint8Array): { width: number; height: number } | undefined {
  const signature = [137, 80, 78, 71, 13, 10, 26, 10];
  if (png.length < 24 || signature.some((byte, i) => png[i] !== byte)) return undefined;
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
