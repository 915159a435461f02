import { type Stack, startStack } from "devstack";
import type { TestProject } from "vitest/node";

export interface StackInfo {
    urls: Stack["urls"];
    apiKey: string;
    internalToken: string;
    tablePrefix: string;
}

declare module "vitest" {
    export interface ProvidedContext {
        stack: StackInfo;
    }
}

/** One real stack (restate-server, dynalite, sandbox, proxy, lead processor) for the e2e run. */
export default async function setup(project: TestProject) {
    const stack = await startStack({
        logDir: process.env.E2E_LOG_DIR,
        onUnexpectedExit: ({ name, code, signal, lastLines }) => {
            process.stderr.write(
                `\n[e2e stack] ${name} exited (code ${code}, signal ${signal}):\n${lastLines.slice(-15).join("\n")}\n`,
            );
        },
    });
    project.provide("stack", {
        urls: stack.urls,
        apiKey: stack.apiKey,
        internalToken: stack.internalToken,
        tablePrefix: stack.tablePrefix,
    });
    return async () => {
        await stack.stop();
    };
}
