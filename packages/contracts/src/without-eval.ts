/**
 * Imported first by a page whose Content-Security-Policy refuses eval (the web UI): zod then builds
 * its parsers without `new Function`. It decides when each schema is defined, and its probe for
 * eval is itself reported as a violation, so this must run before any schema exists. The server and
 * the CLI do not import it and keep the compiled parsers.
 */
import { z } from 'zod';

z.config({ jitless: true });
