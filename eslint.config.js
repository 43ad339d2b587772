// Lint rules: the recommended sets for JavaScript and TypeScript, the module walls (scripts/module-walls.js) and no HTML sinks.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import walls from './scripts/module-walls.js';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'data', 'server/migrations'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The walls between layers and modules (docs/ARCHITECTURE.md, "Module walls"): a module imports another only
    // through its index.ts ('../cases'), the platform imports no module, contracts/ import nothing of server/ or web/,
    // web/ imports no server code. The rule resolves each relative import, so its message names the door to use.
    files: ['server/**/*.{ts,tsx,js,mjs}', 'web/**/*.{ts,tsx}', 'contracts/**/*.ts'],
    plugins: { jiayuan: walls },
    rules: { 'jiayuan/module-walls': 'error' },
  },
  {
    // User text is data, never markup: no HTML sinks in the web app. Leaflet parses a string given to a tooltip or
    // popup as HTML, so those take an element from web/lib/textContent.ts; ECharts parses a formatter's string as
    // HTML, and its default tooltip escapes names, so the charts keep the default.
    files: ['web/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'No dangerouslySetInnerHTML: render text as React children.',
        },
        {
          selector: 'MemberExpression[property.name=/^(innerHTML|outerHTML)$/]',
          message: 'No innerHTML/outerHTML: use textContent or DOM nodes.',
        },
        {
          selector: 'CallExpression[callee.property.name=/^(insertAdjacentHTML|write|writeln)$/]',
          message: 'No HTML-writing DOM calls: use DOM nodes.',
        },
        {
          selector:
            "CallExpression[callee.property.name=/^(bindTooltip|bindPopup|setContent|setTooltipContent|setPopupContent)$/]:not([arguments.0.callee.name='textContent'])",
          message: 'Leaflet parses strings as HTML: pass textContent(...) from web/lib/textContent.ts.',
        },
        {
          selector: "CallExpression[callee.property.name='divIcon'] Property[key.name='html']",
          message: 'A divIcon html string is parsed as HTML: pass an element built with textContent(...).',
        },
        {
          selector: "Property[key.name='formatter']",
          message:
            'An ECharts formatter string is HTML: keep the default tooltip (it escapes names) or use renderMode "richText".',
        },
      ],
    },
  },
);
