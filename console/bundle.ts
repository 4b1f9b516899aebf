import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** The web app's sources: beside this file when run from source, two levels up from the built file. */
function webDirectory(): string {
  for (const candidate of ['./web/', '../../console/web/']) {
    const url = new URL(candidate, import.meta.url);
    if (existsSync(new URL('app.ts', url))) return fileURLToPath(url);
  }
  throw new Error('the console web app (console/web/app.ts) was not found');
}

/** The files the console serves: its page, its script (bundled from TypeScript) and its style. */
export interface WebAssets {
  readonly html: string;
  readonly script: string;
  readonly style: string;
}

/** Bundles the browser app once, at start-up, in memory. */
export async function webAssets(): Promise<WebAssets> {
  const directory = webDirectory();
  const result = await build({
    entryPoints: [`${directory}app.ts`],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    minify: false,
    sourcemap: false,
    logLevel: 'silent',
  });
  const { readFile } = await import('node:fs/promises');
  return {
    html: await readFile(`${directory}index.html`, 'utf8'),
    script: result.outputFiles[0]?.text ?? '',
    style: await readFile(`${directory}style.css`, 'utf8'),
  };
}
