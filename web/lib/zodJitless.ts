// Zod without its JIT: the Content-Security-Policy allows no eval, and Zod's probe for `new Function` would be
// refused and reported as a violation on every page. Imported first by web/main.tsx, before any schema parses.
import { z } from 'zod';

z.config({ jitless: true });
