// SVG to PNG without a browser or native packages: resvg compiled to WASM, with a bundled font that has Vietnamese.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { initWasm, Resvg } from '@resvg/resvg-wasm';

let ready: Promise<Uint8Array> | undefined;

/** Loads the renderer and the font once per process (about 2 MB); later calls reuse them. */
function load(): Promise<Uint8Array> {
  ready ??= (async () => {
    const require = createRequire(import.meta.url);
    const [wasm, font] = await Promise.all([
      readFile(require.resolve('@resvg/resvg-wasm/index_bg.wasm')),
      readFile(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    ]);
    await initWasm(wasm);
    return new Uint8Array(font);
  })();
  return ready;
}

export async function svgToPng(svg: string): Promise<Uint8Array> {
  const font = await load();
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
