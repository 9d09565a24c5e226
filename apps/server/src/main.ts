/** Entry point of `backlot-server`: serve, and the admin commands that work on the database directly. */
import { runAdminCli } from './admin/admin-cli.ts';

process.exitCode = await runAdminCli(process.argv);
