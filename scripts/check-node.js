// The first thing every entry point does (npm start, npm run serve, the CLI, npm test): stop at
// once, in one line, on a Node.js too old for the project. better-sqlite3 13 crashes older Node
// with a segmentation fault, and vitest fails inside its reporter, neither of which says why.
// Plain syntax only, so that this file itself runs on any Node a newcomer may have.
var NEEDED = [22, 12];
var parts = process.versions.node.split('.').map(Number);
if (parts[0] < NEEDED[0] || (parts[0] === NEEDED[0] && parts[1] < NEEDED[1])) {
  process.stderr.write(
    'Fostering Funnel needs Node.js ' +
      NEEDED.join('.') +
      ' or later (24 recommended, see .nvmrc); this is Node.js ' +
      process.versions.node +
      '.\n',
  );
  process.exit(1);
}
