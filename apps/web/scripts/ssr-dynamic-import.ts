import type { Plugin } from 'vite';

const HELPER = 'dynamic-import.js';

/**
 * The server runs under tsx, whose loader rewrites every dynamic `import(` it finds in a module and builds a
 * full-resolution source map for it: for the 2 MB render entry (one dead `import(` of React Router's framework
 * mode) that cost ~180 MB of resident memory per server process. The entry's `import(` calls go through a
 * one-line helper module beside it instead, so tsx leaves the big file alone.
 */
export function ssrDynamicImportOutsideBundle(): Plugin {
  return {
    name: 'makeries-ssr-dynamic-import',
    apply: 'build',
    renderChunk(code, chunk) {
      if (!chunk.isEntry || !code.includes('import(')) return null;
      const rewritten = code.replace(/\bimport\(/g, '__makeriesDynamicImport(');
      return { code: `import { dynamicImport as __makeriesDynamicImport } from './${HELPER}';\n${rewritten}`, map: null };
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: HELPER, source: 'export const dynamicImport = (specifier) => import(specifier);\n' });
    },
  };
}
