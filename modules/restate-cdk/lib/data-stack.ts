import { Stack, type StackProps } from "aws-cdk-lib";
import type { Construct } from "constructs";
import type { EnvironmentSettings } from "../config/environments";
import { LeadTables } from "./constructs/lead-tables";

export interface DataStackProps extends StackProps {
    /** The environment's validated settings: `tablePrefix` and `tables` (create or adopt). */
    settings: EnvironmentSettings;
}

/**
 * The three DynamoDB tables of an environment. With `tables: "create"` they are this stack's resources
 * (RETAIN, so neither `cdk destroy` nor a removed construct can lose data); with `tables: "adopt"` the existing
 * tables are referenced by name and the stack holds only the call that switches on LeadStates' TTL (`ExpiresAt`).
 */
export class DataStack extends Stack {
    readonly tables: LeadTables["tables"];

    constructor(scope: Construct, id: string, props: DataStackProps) {
        super(scope, id, props);
        const { tablePrefix, tables } = props.settings;
        this.tables = new LeadTables(this, "Tables", { prefix: tablePrefix, mode: tables }).tables;
    }
}
