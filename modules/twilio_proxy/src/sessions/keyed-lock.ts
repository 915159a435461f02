/** Runs tasks with the same key one after another (in this process); different keys run freely. */
export class KeyedLock {
    private readonly tails = new Map<string, Promise<void>>();

    async run<T>(key: string, task: () => Promise<T>): Promise<T> {
        const previous = this.tails.get(key) ?? Promise.resolve();
        let release: () => void = () => {};
        const done = new Promise<void>((resolve) => {
            release = resolve;
        });
        const tail = previous.then(() => done);
        this.tails.set(key, tail);
        await previous;
        try {
            return await task();
        } finally {
            release();
            if (this.tails.get(key) === tail) this.tails.delete(key);
        }
    }

    /** Keys with a task running or waiting. */
    get size(): number {
        return this.tails.size;
    }
}
