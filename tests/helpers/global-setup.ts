import { execFileSync } from 'node:child_process';

// The integration and browser tests run the production build, as users get it: build it once per run.
export default function setup() {
  if (process.env.THUISPLAN_TEST_SKIP_BUILD === '1') return;
  // Vitest sets NODE_ENV=test; the build must be the production one (React's production bundle).
  const env = { ...process.env, NODE_ENV: 'production' as const };
  execFileSync('npx', ['remix', 'vite:build', '--logLevel', 'error'], { stdio: 'inherit', env });
  execFileSync('npm', ['run', '--silent', 'build:server'], { stdio: 'inherit', env });
}
