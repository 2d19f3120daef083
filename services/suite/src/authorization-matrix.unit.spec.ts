import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { authorizationMatrixMarkdown, suiteRoutes } from './authorization-matrix';

describe('the matrix of rights', () => {
  it('has a policy for every route of the four services, and the committed matrix is the one they declare (npm run docs:matrix)', () => {
    const routes = suiteRoutes();
    expect(routes.length).toBeGreaterThan(50);
    expect(routes.filter((r) => r.policy === undefined)).toEqual([]);
    expect(readFileSync(join(__dirname, '..', '..', '..', 'docs', 'authorization-matrix.md'), 'utf8')).toBe(
      authorizationMatrixMarkdown(routes),
    );
  });
});
