import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { type BrowserContext, chromium } from 'playwright-core';

/** Debian's Chromium; a test never downloads a browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags this machine needs: no sandbox as root, and no background traffic to hosts it cannot reach. */
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Headless Chromium with a fresh, empty profile directory removed on close. */
export async function launchBrowser(): Promise<Browser> {
  const profileDir = mkdtempSync(path.join(os.tmpdir(), 'gdlens-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1040, height: 520 },
    deviceScaleFactor: 1,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

const CONTENT_TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };

/** Serves `dir` on 127.0.0.1 at a free port; only the files in it, nothing above. */
export async function serveDirectory(dir: string): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const name = pathname === '/' ? 'index.html' : path.basename(pathname);
    try {
      const body = readFileSync(path.join(dir, name));
      response.writeHead(200, { 'content-type': CONTENT_TYPES[path.extname(name)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server };
}

/** Pixel statistics of a PNG: luminance variance and the number of distinct colours. */
export function pngStats(png: Buffer): { width: number; height: number; meanLuminance: number; luminanceVariance: number; distinctColours: number } {
  const image = PNG.sync.read(png);
  const colours = new Set<number>();
  let sum = 0;
  let sumSquares = 0;
  const pixels = image.width * image.height;
  for (let offset = 0; offset < image.data.length; offset += 4) {
    const red = image.data[offset]!;
    const green = image.data[offset + 1]!;
    const blue = image.data[offset + 2]!;
    const luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue;
    sum += luminance;
    sumSquares += luminance * luminance;
    colours.add((red << 16) | (green << 8) | blue);
  }
  const mean = sum / pixels;
  return { width: image.width, height: image.height, meanLuminance: mean, luminanceVariance: sumSquares / pixels - mean * mean, distinctColours: colours.size };
}
