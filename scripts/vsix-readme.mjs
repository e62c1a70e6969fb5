// The README the packaged extension shows on its page in VS Code (vsce --readme-path): the
// project README without the contributors' two commands at its top, and with its screenshots
// inlined as data: URIs. The extension page loads images only from https: or data: addresses,
// and a relative link or one into the repository would show none offline.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';

const readme = readFileSync('README.md', 'utf8');
const withoutCommands = readme.replace(/\n```sh\nnpm install && npm start[\s\S]*?```\n\n\(Those two are for trying it from source;[^\n]*\n/, '\n');
const inlined = withoutCommands.replace(/!\[([^\]]*)\]\((media\/[^)\s]+\.png)\)/g, (_, alt, file) => `![${alt}](data:image/png;base64,${readFileSync(file).toString('base64')})`);
mkdirSync('dist', { recursive: true });
writeFileSync('dist/README.vsix.md', inlined);
