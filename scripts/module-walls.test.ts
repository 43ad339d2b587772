// The module-walls lint rule: what it lets through and what it refuses, on paths as ESLint resolves them.
import path from 'node:path';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import walls, { wallViolation } from './module-walls.js';

describe('module walls', () => {
  it('lets a module use another through its index, and its test door from test code only', () => {
    expect(wallViolation('server/modules/portal/reports', 'server/modules/cases')).toBeNull();
    expect(wallViolation('server/modules/portal/reports', 'server/modules/portal/repo')).toBeNull();
    expect(wallViolation('server/modules/portal/reports', 'server/platform/db')).toBeNull();
    expect(wallViolation('server/modules/portal/portal.test', 'server/modules/people/testing')).toBeNull();
    expect(wallViolation('server/modules/portal/reports', 'server/modules/people/testing')).toMatch(/test code only/);
    expect(wallViolation('server/modules/portal/reports', 'server/modules/cases/repo')).toMatch(
      /import from '\.\.\/cases' \(its index\.ts\)/,
    );
  });

  it('keeps the platform, contracts and web apart', () => {
    expect(wallViolation('server/platform/auth/tables', 'server/modules/users/tables')).toMatch(/imports no module/);
    expect(wallViolation('server/platform/auth/tables', 'server/modules/users')).toMatch(/imports no module/);
    expect(wallViolation('server/platform/http', 'server/app')).toMatch(/no composition root/);
    expect(wallViolation('server/platform/http', 'server/testing')).toMatch(/Only test code/);
    expect(wallViolation('server/platform/db.test', 'server/testing')).toBeNull();
    expect(wallViolation('server/modules/hall/hall.test', 'server/platform/testing')).toMatch(
      /moved to server\/testing\.ts/,
    );
    expect(wallViolation('contracts/cases', 'server/platform/errors')).toMatch(/contracts\//);
    expect(wallViolation('contracts/cases', 'contracts/domain')).toBeNull();
    expect(wallViolation('web/features/cases/api', 'server/modules/cases')).toMatch(/web\/ imports no server code/);
    expect(wallViolation('web/features/cases/api', 'contracts/cases')).toBeNull();
  });

  it('lets composition roots reach into modules, but app.ts mounts them through their index', () => {
    expect(wallViolation('server/schema', 'server/modules/cases/tables')).toBeNull();
    expect(wallViolation('server/seed/demo', 'server/modules/territory/repo')).toBeNull();
    expect(wallViolation('bench/run', 'server/modules/cases/service')).toBeNull();
    expect(wallViolation('server/app', 'server/modules/cases')).toBeNull();
    expect(wallViolation('server/app', 'server/modules/notifications/service')).toMatch(/through their index/);
    expect(wallViolation('server/modules/people/service', 'server/schema')).toMatch(/no composition root/);
  });

  it('resolves relative imports from the linted file, whatever their spelling', () => {
    const linter = new Linter({ configType: 'flat' });
    const config = [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser as Linter.Parser },
        plugins: { jiayuan: walls },
        rules: { 'jiayuan/module-walls': 'error' as const },
      },
    ];
    const lint = (file: string, code: string) =>
      linter.verify(code, config, { filename: path.resolve(import.meta.dirname, '..', file) }).map((m) => m.message);
    expect(lint('server/modules/hall/service.ts', "import { caseRepo } from '../cases/repo';")).toHaveLength(1);
    expect(lint('server/modules/hall/service.ts', "import type { NodeRow } from '../territory/./repo';")).toHaveLength(
      1,
    );
    expect(lint('server/modules/hall/service.ts', "export { cases } from '../cases/tables';")).toHaveLength(1);
    expect(lint('server/modules/hall/service.ts', "import { caseRepo } from '../cases';")).toHaveLength(0);
    expect(lint('server/modules/hall/service.ts', "import { caseRepo } from '../cases/index';")).toHaveLength(0);
    expect(lint('server/platform/ledgers/writer.ts', "import { cases } from '../../modules/cases';")).toHaveLength(1);
  });
});
