import { parseArgs } from 'node:util';
import { DatabaseInUseError, openDatabase, ROLES, type Role } from '@xfqs/db';
import { ApiError } from './errors';
import { ConfigError, loadConfig } from './config';
import { grantRole, listGrants, revokeRole } from './features/orgs/grants';
import { stationOrgOf } from './features/orgs/scope';
import { runRetention } from './features/account/retention';

const USAGE = `usage:
  pnpm admin grant  --openid X --role org_admin|station_staff|super_admin [--org ORG_ID] [--station STATION_ID]
  pnpm admin revoke --openid X --role ROLE [--org ORG_ID] [--station STATION_ID]
  pnpm admin list   [--openid X] [--org ORG_ID]
  pnpm admin prune  (fold check-ins older than LOCATION_RETENTION_DAYS into daily counts, blur old report locations, erase help requests closed over HELP_RETENTION_DAYS ago)`;

/** Role administration from the shell, over the same service code as the API (audited as "cli"). */
async function main(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { openid: { type: 'string' }, role: { type: 'string' }, org: { type: 'string' }, station: { type: 'string' } },
  });
  const command = positionals[0];
  if (!['grant', 'revoke', 'list', 'prune'].includes(command)) throw new UsageError(USAGE);

  const config = loadConfig();
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await handle.migrate();
    if (command === 'prune') {
      const result = await runRetention(handle.db, new Date(), { locations: config.locationRetentionDays, helpRequests: config.helpRetentionDays });
      console.log(
        `pruned before ${result.cutoff}: ${result.checkinsFolded} check-ins folded into daily counts, ${result.reportsBlurred} report locations blurred, ` +
          `${result.helpRequestsErased} closed help requests erased`,
      );
      return;
    }
    if (command === 'list') {
      console.table(await listGrants(handle.db, { openid: values.openid, orgId: values.org }));
      return;
    }
    if (!values.openid || !values.role) throw new UsageError(USAGE);
    if (!ROLES.includes(values.role as Role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
    const body = { openid: values.openid, role: values.role as Role, orgId: values.org, stationId: values.station };
    if (command === 'grant') {
      const grant = await grantRole(handle.db, null, body, stationOrgOf);
      console.log(`granted ${grant.role} to ${grant.openid}${grant.orgId ? ` on org ${grant.orgId}` : ''}${grant.stationId ? ` on station ${grant.stationId}` : ''}`);
    } else {
      await revokeRole(handle.db, null, body, stationOrgOf);
      console.log(`revoked ${body.role} from ${body.openid}`);
    }
  } finally {
    await handle.close();
  }
}

class UsageError extends Error {}

main(process.argv.slice(2)).catch((err) => {
  if (err instanceof ApiError) {
    const details = Array.isArray(err.details) ? ` (${err.details.map((d: { field: string; message: string }) => `${d.field}: ${d.message}`).join('; ')})` : '';
    console.error(`${err.code}: ${err.message}${details}`);
  } else if (err instanceof DatabaseInUseError) {
    console.error(`nothing changed: ${err.message}`);
  } else if (err instanceof UsageError || err instanceof ConfigError) console.error(err.message);
  else console.error(err);
  process.exit(1);
});
