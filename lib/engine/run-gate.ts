/**
 * At most `limit` probe runs at once; the rest wait their turn in order. A
 * run's deadline starts when it gets through, so waiting here is Lantern's
 * own load, never counted against a dependency.
 */
export class RunGate {
  private running = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  get waiting(): number {
    return this.queue.length;
  }

  async enter(): Promise<void> {
    if (this.running < this.limit) {
      this.running += 1;
      return;
    }
    await new Promise<void>((resolve) => this.queue.push(resolve));
  }

  leave(): void {
    const next = this.queue.shift();
    // The slot passes straight to the next in line.
    if (next) next();
    else this.running -= 1;
  }
}
