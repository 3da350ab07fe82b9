import { PGlite } from '@electric-sql/pglite';
import { cube } from '@electric-sql/pglite/contrib/cube';
import { earthdistance } from '@electric-sql/pglite/contrib/earthdistance';
import { openDatabase } from '@xfqs/db';
(async () => {
  let t = Date.now();
  const a = await PGlite.create({ extensions: { cube, earthdistance } }); console.log('boot', Date.now() - t);
  t = Date.now();
  const h = await openDatabase({}); await h.migrate(); console.log('boot+migrate', Date.now() - t);
  t = Date.now();
  const dump = await (h as any).db.$client.dumpDataDir('none'); console.log('dump', Date.now() - t, dump.size);
  t = Date.now();
  const b = await PGlite.create({ loadDataDir: dump, extensions: { cube, earthdistance } }); console.log('load', Date.now() - t);
  console.log((await b.query('select count(*) from orgs')).rows);
  t = Date.now();
  const c = await (h as any).db.$client.clone(); console.log('clone', Date.now() - t);
})();
