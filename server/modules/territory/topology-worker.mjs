// The topology worker: Turf's validity and self-intersection checks (quadratic in vertices) off the request thread.
// Plain JavaScript so that it runs the same under node, tsx and vitest without a loader.
import { parentPort } from 'node:worker_threads';
import { booleanValid } from '@turf/boolean-valid';
import { kinks } from '@turf/kinks';

function valid(g) {
  try {
    // booleanValid checks ring closure, spikes and how rings relate; kinks finds a ring crossing itself (a bow-tie).
    return booleanValid(g) && kinks(g).features.length === 0;
  } catch {
    return false;
  }
}

parentPort.on('message', ({ id, geometries }) => {
  parentPort.postMessage({ id, valid: geometries.map(valid) });
});
