/**
 * Node.js flags for the production app server (`npm start`, and the servers the benchmarks and the browser suite
 * start). A 64 MB young generation (the default is 16 MB): a request allocates a few hundred kilobytes that die
 * young, and with the small default the collector ran every few requests and copied the live requests' objects
 * each time (13% of a filing's CPU). Measured by bench:filing: app CPU per filing about 15% lower. It costs up to
 * about 100 MB more memory per instance, which a 2-core app instance has.
 */
export const PRODUCTION_SERVER_NODE_ARGS = ["--max-semi-space-size=64"] as const;
