// The Remix options, in one place. vite.config.ts imports this file and hands it to the remix() plugin.
export default {
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
  ignoredRouteFiles: ['**/*.test.{ts,tsx}', '**/.*'],
};
