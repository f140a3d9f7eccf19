// What a value becomes on its way through JSON (an API reply, a client component's props that are
// also refreshed from the API): dates turn into ISO strings. Client components type their props
// with it from the server's own types instead of copying them.
export type Jsonified<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Jsonified<U>[]
    : T extends object
      ? { [K in keyof T]: Jsonified<T[K]> }
      : T;

/** The value as a client receives it from the API. */
export function asJson<T>(value: T): Jsonified<T> {
  return JSON.parse(JSON.stringify(value)) as Jsonified<T>;
}
