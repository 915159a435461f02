/** Restate's admin SQL (`POST /query` on the admin port), as tests read invocations and journal events. */
export { restateRows, sqlString } from "lead-processor/ops";
