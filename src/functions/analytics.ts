/**
 * Custom functions of this area (see docs/architecture.md). Thin wrappers: read arguments with ./runner,
 * call src/core/, return values or errors through run().
 */
export {};
