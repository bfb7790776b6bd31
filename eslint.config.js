// ESLint flat config: ESLint's and typescript-eslint's recommended rules (no type-aware rules, so lint stays fast),
// no stylistic rules (formatting is Prettier's job), and the dependency direction of docs/CONTRACT.md:
//   asl ← engine, graph;  all ← cli, apps/studio;  packages never import React, zustand, Monaco, React Flow or apps/.
import tseslint from 'typescript-eslint';
import { builtinRules } from 'eslint/use-at-your-own-risk';

/** eslint:recommended, read from ESLint's own rule metadata (the @eslint/js package is not installed). */
const eslintRecommended = Object.fromEntries(
  [...builtinRules]
    .filter(([, rule]) => rule.meta?.docs?.recommended && !rule.meta.deprecated)
    .map(([name]) => [name, 'error']),
);

/** Globals of Node 20 for scripts, configs and the CLI (plain .js/.mjs files; TypeScript checks its own). */
const nodeGlobals = Object.fromEntries(
  [
    'process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'setTimeout', 'clearTimeout', 'setInterval',
    'clearInterval', 'setImmediate', 'clearImmediate', 'queueMicrotask', 'structuredClone', 'fetch', 'AbortController',
    'AbortSignal', 'TextEncoder', 'TextDecoder', 'performance', 'globalThis', '__dirname', '__filename', 'crypto',
  ].map((name) => [name, 'readonly']),
);

/**
 * The studio's code names react-hooks rules in eslint-disable comments; eslint-plugin-react-hooks is not installed, so
 * these stand-ins (which report nothing) keep those comments valid instead of failing lint with "rule not found".
 */
const reactHooksStandIn = {
  rules: Object.fromEntries(
    ['exhaustive-deps', 'rules-of-hooks'].map((name) => [name, { meta: { type: 'problem', schema: false }, create: () => ({}) }]),
  ),
};

const UI_LIBRARIES = ['react', 'react-dom', 'zustand', 'monaco-editor', '@xyflow/react', '@asl-studio/studio'];

/**
 * no-restricted-imports for one package: the UI libraries and apps/ for every package, plus the named sibling
 * packages (by package name or by a relative path into their src/).
 */
function importDirection(pkg, forbiddenSiblings) {
  const patterns = [
    {
      regex: '^(react|react-dom|zustand|monaco-editor|@xyflow/react)/',
      message: `packages/ are pure TypeScript: no React, zustand, Monaco or React Flow (docs/CONTRACT.md).`,
    },
    { regex: '(^|/)apps/', message: 'packages/ never import from apps/ (docs/CONTRACT.md).' },
  ];
  if (forbiddenSiblings.length > 0) {
    const names = forbiddenSiblings.join('|');
    patterns.push({
      regex: `^@asl-studio/(${names})(/|$)|(^|/)(${names})/src(/|$)`,
      message: `@asl-studio/${pkg} may not import @asl-studio/{${forbiddenSiblings.join(',')}}: asl ← engine, graph; all ← cli, studio (docs/CONTRACT.md).`,
    });
  }
  return {
    files: [`packages/${pkg}/**/*.{ts,tsx,mts,cts,js,mjs,cjs}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: UI_LIBRARIES.map((name) => ({
            name,
            message: `packages/ are pure TypeScript: no React, zustand, Monaco, React Flow or the studio (docs/CONTRACT.md).`,
          })),
          patterns,
        },
      ],
    },
  };
}

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/test-results/**',
      '**/playwright-report/**',
      '**/coverage/**',
      '**/.tmp/**',
      '**/.peers/**',
      '**/*.min.js',
      'public/**',
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'off' } },
  { plugins: { 'react-hooks': reactHooksStandIn } },
  { rules: eslintRecommended },
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
      '@typescript-eslint/no-unused-expressions': [
        'error',
        { allowShortCircuit: true, allowTernary: true, allowTaggedTemplates: true },
      ],
      'no-empty': ['error', { allowEmptyCatch: true }],
      'no-constant-condition': ['error', { checkLoops: false }],
      // Parsers and JSON tooling legitimately match control characters and escape liberally.
      'no-control-regex': 'off',
      'no-useless-escape': 'off',
      'prefer-const': ['error', { destructuring: 'all' }],
      // Walking a scope chain (`let scope = this; while (scope) …`) is a legitimate use.
      '@typescript-eslint/no-this-alias': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: nodeGlobals },
  },
  importDirection('asl', ['engine', 'graph', 'cli']),
  importDirection('engine', ['graph', 'cli']),
  importDirection('graph', ['engine', 'cli']),
  importDirection('cli', []),
);
