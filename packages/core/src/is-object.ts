/** Whether `value` is a plain object (not `null`, not an array): the first check of every shape read from JSON. */
export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
