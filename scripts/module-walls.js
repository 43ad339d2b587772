// The lint rule for the walls between layers and modules (docs/ARCHITECTURE.md, "Module walls"). Each relative import is
// resolved against the importing file, so the rule judges where an import lands, not how its path is spelled.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DOC = 'See docs/ARCHITECTURE.md, "Module walls".';

/** Repository-relative path without extension and without a trailing /index: 'server/modules/cases'. */
const norm = (abs) =>
  path
    .relative(ROOT, abs)
    .split(path.sep)
    .join('/')
    .replace(/\.(ts|tsx|js|mjs|cjs)$/, '')
    .replace(/\/index$/, '');

const moduleOf = (p) => /^server\/modules\/([^/]+)(?:\/(.*))?$/.exec(p);

/** Test code: a test file, or a module's test door (testing.ts) or private fixture (fixture.ts). */
const isTestCode = (p) => /\.test$/.test(p) || /(^|\/)(testing|fixture)$/.test(p);

/** Composition roots: they assemble or exercise the whole app and may import any file of any module. */
const isRoot = (p) =>
  /^server\/(app|main|schema|testing)$/.test(p) ||
  /^server\/[^/]+\.test$/.test(p) ||
  /^server\/seed\//.test(p) ||
  /^(bench|faults|e2e|scripts)\//.test(p) ||
  !p.includes('/');

/** Composition roots as targets: no platform or module code imports them; test files may (they exercise the whole). */
const isRootTarget = (p) => /^server\/(app|main|schema)$/.test(p) || /^server\/seed(\/|$)/.test(p);

/** The message for an import from `from` (a file) landing on `to`, or null when it is allowed. */
export function wallViolation(from, to) {
  if (to === 'server/platform/testing')
    return `The test harness moved to server/testing.ts (it builds the whole app, so it is no platform code): import createTestApp from there. ${DOC}`;
  if (from.startsWith('contracts/')) {
    return to.startsWith('contracts/')
      ? null
      : `contracts/ is shared by server and web and imports neither: move what '${to}' gives into contracts/. ${DOC}`;
  }
  if (from.startsWith('web/')) {
    return to.startsWith('server/')
      ? `web/ imports no server code ('${to}'): share it through contracts/ (Zod schemas and enums). ${DOC}`
      : null;
  }
  if (!from.startsWith('server/')) return null;
  const target = moduleOf(to);
  if (from.startsWith('server/platform/')) {
    if (target)
      return `server/platform is shared machinery and imports no module ('${to}'): take what you need as a parameter (the module passes it in), or move the shared part into the platform. ${DOC}`;
    if (isRootTarget(to) && !/\.test$/.test(from))
      return `server/platform imports no composition root ('${to}'): take the app builder or seed as a parameter. ${DOC}`;
    if (to === 'server/testing' && !isTestCode(from))
      return `Only test code imports the harness server/testing.ts. ${DOC}`;
    return null;
  }
  const source = moduleOf(from);
  if (source) {
    if (isRootTarget(to) && !/\.test$/.test(from))
      return `A module imports no composition root ('${to}'): take what you need from the platform or another module's index. ${DOC}`;
    if (to === 'server/testing' && !isTestCode(from))
      return `Only test code imports the harness server/testing.ts. ${DOC}`;
    if (to.startsWith('web/')) return `Server code imports nothing of web/ ('${to}'). ${DOC}`;
    if (!target || target[1] === source[1] || !target[2]) return null;
    const [, b, file] = target;
    if (file === 'testing' && isTestCode(from)) return null;
    return (
      `'${to}' is private to the ${b} module: import from '../${b}' (its index.ts). If what you need is not exported ` +
      `there, add it to server/modules/${b}/index.ts with one sentence on what it promises` +
      (file === 'testing' ? ` (its test door '../${b}/testing' is for test code only)` : '') +
      `. ${DOC}`
    );
  }
  if (target && target[2] && !isRoot(from))
    return `'${to}' is private to the ${target[1]} module: import from its index.ts. ${DOC}`;
  if (target && target[2] && /^server\/(app|main)$/.test(from))
    return `server/${from.slice(7)}.ts mounts modules through their index.ts only: import from './modules/${target[1]}'. ${DOC}`;
  return null;
}

const rule = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Modules import each other only through their index.ts; platform, contracts and web stay apart.',
    },
    schema: [],
  },
  create(context) {
    const from = norm(context.filename);
    const check = (node, source) => {
      if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const to = norm(path.resolve(path.dirname(context.filename), source.value));
      const message = wallViolation(from, to);
      if (message) context.report({ node, message });
    };
    return {
      ImportDeclaration: (n) => check(n, n.source),
      ExportNamedDeclaration: (n) => check(n, n.source),
      ExportAllDeclaration: (n) => check(n, n.source),
      ImportExpression: (n) => check(n, n.source.type === 'Literal' ? n.source : null),
    };
  },
};

export default { rules: { 'module-walls': rule } };
