/** The three tables of the public contract, per environment prefix (`DEV`, `PROD`, `TEST`…). */
export function tableNames(prefix: string) {
    return {
        apiKeys: `${prefix}_Web2Text_APIKeys`,
        leadStates: `${prefix}_Web2Text_LeadStates`,
        optedOutNumbers: `${prefix}_Web2Text_OptedOutNumbers`,
    };
}

export type TableNames = ReturnType<typeof tableNames>;

/** Hash key of each table; the single definition used by local table creation, tests and the CDK stacks. */
export const TABLE_KEYS = {
    apiKeys: "API_Key",
    leadStates: "LeadId",
    optedOutNumbers: "PhoneNumber",
} as const satisfies Record<keyof TableNames, string>;
