import { readFileSync } from "node:fs";

/**
 * The workspace's page, script and style, and the demo directory, read once at start-up from
 * beside this module: src/adapters/local when run from source, dist/adapters/local after
 * `npm run build` (whose scripts/build.mjs copies them there, since tsc copies
 * only what it compiles). Plain files, so that they can be read and edited as what they are.
 */
export interface LocalAssets {
  page: string;
  script: string;
  style: string;
}

/** One of the files beside this module, e.g. "./demo-directory.yml". */
export const readAsset = (name: string): string => {
  const url = new URL(name, import.meta.url);
  try {
    return readFileSync(url, "utf8");
  } catch (error) {
    throw new Error(`the local workspace's file ${url.pathname} is missing (${(error as NodeJS.ErrnoException).code ?? "unreadable"}); run \`npm run build\`, which copies it there`);
  }
};

export function loadAssets(): LocalAssets {
  return {
    page: readAsset("./static/workspace.html"),
    script: readAsset("./static/workspace.js"),
    style: readAsset("./static/workspace.css"),
  };
}
