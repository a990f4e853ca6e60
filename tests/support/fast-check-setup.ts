import * as fc from 'fast-check';

// A failing property is shrunk to its smallest counterexample, and shrinking a large random
// input (150 households, each run a fresh set of report tables) can take hours and all the
// memory there is: in one CI run it did both and was killed. After 3 minutes a property stops,
// shrunk as far as it got, and fails with its seed and path, so the case can be replayed; a
// property that is merely slow fails too rather than quietly running fewer cases. (40 s was too
// near: the CSV fuzz property, 10 s in CI, took over 40 s on a loaded host and was failed.)
// To replay a failure: FC_SEED=<seed> FC_PATH=<path> npx vitest run <file> -t '<test name>'.
fc.configureGlobal({
  interruptAfterTimeLimit: 180_000,
  markInterruptAsFailure: true,
  ...(process.env.FC_SEED
    ? { seed: Number(process.env.FC_SEED), path: process.env.FC_PATH, endOnFailure: true }
    : {}),
});
