import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";

/**
 * The machine's Node.js binary — not the `node` shim that `bun --bun` puts first on PATH (a folder named
 * `bun-node-…` whose `node` is Bun itself). Tests that promise "runs on Node" start this one.
 */
export function systemNode(path = process.env.PATH ?? ""): string {
    const dirs = path.split(delimiter).filter((dir) => dir && !/(^|[/\\])bun-node-/.test(dir));
    const found = dirs.map((dir) => join(dir, "node")).find((file) => existsSync(file));
    if (!found) throw new Error("Node.js is not installed (no `node` on PATH outside Bun's shim)");
    return found;
}
