/**
 * A progress reporter for long commands: a bar redrawn in place on a terminal, and on anything else (a log, a
 * pipe) a plain line at every tenth of the way and at the end.
 */
export function progressReporter(
    label: string,
    stream: { isTTY?: boolean; write(text: string): unknown } = process.stderr,
): (done: number, total: number) => void {
    let lastTenth = -1;
    return (done, total) => {
        if (stream.isTTY) {
            const width = 30;
            const filled = total === 0 ? width : Math.round((done / total) * width);
            stream.write(`\r${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total}`);
            if (done === total) stream.write("\n");
            return;
        }
        const tenth = total === 0 ? 10 : Math.floor((done / total) * 10);
        if (tenth === lastTenth) return;
        lastTenth = tenth;
        stream.write(`${label}: ${done}/${total}\n`);
    };
}
