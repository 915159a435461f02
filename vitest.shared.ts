// Settings every module's vitest project shares. Tests run under the Bun runtime (`bun --bun vitest run`);
// Bun's native import of zod's `export { z }` namespace re-export trips vite's module runner, so zod is
// inlined (transformed by vite) instead of imported natively.
export const sharedTest = {
    server: { deps: { inline: ["zod"] } },
};
