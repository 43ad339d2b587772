// Keeps package-lock.json installable with `npm ci` here: the registry this project reaches serves only this
// platform's builds of packages such as rollup and esbuild, so npm leaves the other platforms' optional packages out
// of the lock, and `npm ci` then refuses the lock as out of sync. This adds each missing optional package back as a
// bare optional entry; npm ci skips what it cannot or need not install. Runs after every install (postinstall).
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages ?? {};
let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${path ? `${path}/` : ''}node_modules/${name}`;
    const top = `node_modules/${name}`;
    if (packages[nested] || packages[top]) continue;
    packages[top] = { version, optional: true };
    added++;
  }
}
if (added > 0) {
  writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(`lock-optional: added ${added} optional platform entries to package-lock.json`);
}
