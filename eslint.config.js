// Lint rules: the recommended sets for JavaScript and TypeScript, nothing exotic.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

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
