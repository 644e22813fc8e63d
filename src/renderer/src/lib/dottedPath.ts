/** Any form's state, its messages by dotted path, and its setter: a field reads and writes its own path. */
export interface PathBinding {
  state: unknown
  errors: Record<string, string>
  set: (path: string, value: unknown) => void
}

/** Reads a dotted path ("config.client.temperature") of a form's state. */
export function getPath(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], value)
}

/** Sets a dotted path immutably; a numeric key inside an array ("contestants.1.name") keeps the array an array. */
export function setPath<T>(value: T, path: string, next: unknown): T {
  const [head, ...rest] = path.split('.')
  const child = rest.length ? setPath((value as Record<string, unknown>)[head], rest.join('.'), next) : next
  if (Array.isArray(value)) return value.map((item, i) => (i === Number(head) ? child : item)) as T
  return { ...value, [head]: child } as T
}
