// Builds parameterised SQL text: every value becomes $n and travels separately, so no input is
// ever spliced into the query.
export class SqlParams {
  readonly values: unknown[] = [];

  /** Adds a value and returns its placeholder, e.g. "$3". */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, "\\$&");
