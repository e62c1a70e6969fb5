import st1398 from '../../standards/st1398.yaml';
import { buildStandard, type Standard, type StandardData } from './standard';

// The YAML is parsed at bundle time (esbuild.mjs), so loading a bundled standard is a lookup; the
// desktop extension reads the data beside its bundle on first use, so it is asked for only here.
const BUNDLED: Record<string, () => unknown> = { ST1398: () => st1398 };
const cache = new Map<string, Standard>();

export const BUNDLED_STANDARD_IDS = Object.keys(BUNDLED);
export const DEFAULT_STANDARD_ID = 'ST1398';

/** A bundled standard by id (case-insensitive), or undefined. */
export function bundledStandard(id: string = DEFAULT_STANDARD_ID): Standard | undefined {
  const key = BUNDLED_STANDARD_IDS.find((k) => k.toLowerCase() === id.toLowerCase());
  if (!key) return undefined;
  let standard = cache.get(key);
  if (!standard) {
    standard = buildStandard(BUNDLED[key]() as StandardData, `bundled:${key}`);
    cache.set(key, standard);
  }
  return standard;
}
