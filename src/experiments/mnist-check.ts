import { statSync } from 'node:fs';
import { locateMnistFile, MNIST_FILES, resolveMnistDir } from '../data/mnist';

/**
 * Before a run loads MNIST: each of the four files must be a readable file. The loader itself
 * (src/data, which is hashed into every result key) reads a folder in a file's place as a bare
 * `EISDIR: illegal operation on a directory, read` that names no path; this says which one.
 */
export function checkMnistFiles(dir = resolveMnistDir()): void {
  for (const name of Object.values(MNIST_FILES)) {
    const path = locateMnistFile(dir, name);
    const stat = statSync(path);
    if (!stat.isFile()) {
      throw new Error(`MNIST file ${path} is ${stat.isDirectory() ? 'a directory' : 'not a regular file'}; expected the IDX file ${name} (raw or .gz) (MNIST_DIR=${dir})`);
    }
  }
}
