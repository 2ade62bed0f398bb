import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The order of test files in a mutation run. Stryker stops a mutant's run at its first failing
 * test, so the file that killed the last mutant goes first (neighbouring mutants tend to fall
 * to the same tests), then the quickest: Vitest's own order runs the slowest first, which made
 * a mutant its unit tests kill in a second wait for minutes of demo-org suites. A surviving
 * mutant still runs every test that covers it.
 */
export default class QuickFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (spec: TestSpecification) => {
      const result = this.ctx.cache.getTestSpecificationResult(spec);
      return { failed: result?.failed ? 0 : 1, duration: result?.duration ?? Number.MAX_VALUE };
    };
    const ranked = files.map((spec) => ({ spec, ...rank(spec) }));
    ranked.sort((a, b) => a.failed - b.failed || a.duration - b.duration);
    return ranked.map(({ spec }) => spec);
  }
}
