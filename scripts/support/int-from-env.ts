/** A whole number ≥ 1 from the environment variable `name`, or `fallback` when it is unset or empty (bench knobs). */
export function intFromEnv(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new Error(`${name} must be a whole number ≥ 1, got "${value}"`);
  return Number(value);
}
