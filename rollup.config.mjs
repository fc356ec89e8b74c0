// The self-contained file a plain page loads with one <script type="module">:
// every element with lit and uplot inside, minified, lit in
// production mode. The per-module build for bundler users is tsc's (tsconfig.build.json).
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

export default {
  input: 'dist/all.js',
  output: {
    file: 'dist/ac-job-manager.bundle.js',
    format: 'es',
    sourcemap: true,
    // One file: what the modules load lazily (the store's memory-mode engine, the simulator) is inside it.
    inlineDynamicImports: true,
  },
  plugins: [nodeResolve({ exportConditions: ['production'], browser: true }), terser({ format: { comments: false } })],
};
