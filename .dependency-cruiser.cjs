/**
 * The layering of docs/ARCHITECTURE.md, checked on every `make test`:
 * the domain core does no I/O, services do not touch adapters, thin layers reach adapters
 * only through container.ts, the web UI and CLI share nothing with the server but the contracts,
 * and the web UI runs one way: shared → features → app (a feature never imports another feature;
 * app/ composes them).
 */
const SERVER = '^apps/server/src/';
const WEB = '^apps/web/src/';
const NOT_TESTS = '\\.test\\.tsx?$';

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'The domain core is data and pure functions: no node:*, no database, no HTTP, no ports or adapters. Pure data libraries (schemas, CSV, the Fountain parser, the XML parser that reads FCPXML cuts) are allowed by name.',
      severity: 'error',
      from: { path: `${SERVER}domain/`, pathNot: NOT_TESTS },
      to: {
        pathNot: [`${SERVER}domain/`, '^packages/contracts/', 'node_modules/(zod|csv-parse|csv-stringify|fast-xml-parser)/'],
      },
    },
    {
      name: 'services-use-ports-not-adapters',
      comment: 'Services combine domain rules with ports; adapters are wired in container.ts.',
      severity: 'error',
      from: { path: `${SERVER}services/`, pathNot: NOT_TESTS },
      to: { path: [`${SERVER}adapters/`, `${SERVER}http/`, `${SERVER}admin/`, `${SERVER}worker/`, `${SERVER}container\\.ts$`] },
    },
    {
      name: 'adapters-do-not-call-up',
      comment: 'Adapters implement ports; they never call services or the thin layers.',
      severity: 'error',
      from: { path: `${SERVER}adapters/`, pathNot: NOT_TESTS },
      to: { path: [`${SERVER}services/`, `${SERVER}http/`, `${SERVER}admin/`, `${SERVER}worker/`, `${SERVER}container\\.ts$`] },
    },
    {
      name: 'thin-layers-reach-adapters-through-the-container',
      comment: 'HTTP, the worker and the server commands get adapters only from container.ts.',
      severity: 'error',
      from: { path: [`${SERVER}http/`, `${SERVER}admin/`, `${SERVER}worker/`], pathNot: NOT_TESTS },
      to: { path: `${SERVER}adapters/` },
    },
    {
      name: 'ports-are-interfaces',
      comment: 'Ports declare what services need; they import nothing that does work.',
      severity: 'error',
      from: { path: `${SERVER}ports/` },
      to: { pathNot: [`${SERVER}ports/`, `${SERVER}domain/`, '^packages/contracts/'] },
    },
    {
      name: 'web-and-cli-share-only-contracts',
      comment: 'The web UI and the CLI talk to the server through the contracts and the typed client, never its code.',
      severity: 'error',
      from: { path: '^apps/(web|cli)/' },
      to: { path: '^apps/server/' },
    },
    {
      name: 'web-shared-imports-nothing-above',
      comment: 'The web kernel (client, session, events, shortcuts, generic fields and components) knows no feature and no page.',
      severity: 'error',
      from: { path: `${WEB}shared/` },
      to: { path: [`${WEB}features/`, `${WEB}app/`, `${WEB}main\\.tsx$`] },
    },
    {
      name: 'web-features-import-no-app',
      comment: 'Features are composed by app/ (the router, the shell and the pages); they never reach up into it.',
      severity: 'error',
      from: { path: `${WEB}features/` },
      to: { path: [`${WEB}app/`, `${WEB}main\\.tsx$`] },
    },
    {
      name: 'web-features-stand-alone',
      comment: 'A feature never imports another feature: what two features share moves down into shared/, and a page in app/ composes both.',
      severity: 'error',
      from: { path: `${WEB}features/([^/]+)/` },
      to: { path: `${WEB}features/`, pathNot: `${WEB}features/$1/` },
    },
    {
      name: 'web-has-three-layers',
      comment: 'Every module of the web UI lives in shared/, features/<area>/ or app/, beside the entry main.tsx.',
      severity: 'error',
      from: { path: WEB, pathNot: [`${WEB}(shared|features/[^/]+|app)/`, `${WEB}main\\.tsx$`] },
      to: {},
    },
    {
      name: 'contracts-stand-alone',
      comment: 'The contracts package is shared by everyone and depends on no app.',
      severity: 'error',
      from: { path: '^packages/contracts/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^apps/[^/]+/dist/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'node', 'default'], extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
  },
};
