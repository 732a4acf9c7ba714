// Minimal types for the embedded store's packages (they ship none); only what we call.
declare module 'pouchdb-core' {
  type PouchStatic = {
    plugin(plugin: unknown): PouchStatic;
    defaults(options: Record<string, unknown>): PouchStatic;
  };
  const PouchDB: PouchStatic;
  export default PouchDB;
}
declare module 'pouchdb-adapter-leveldb' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-adapter-http' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-mapreduce' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-replication' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-find' {
  const plugin: unknown;
  export default plugin;
}
declare module 'express-pouchdb' {
  import type { RequestListener } from 'node:http';
  type Options = {
    configPath?: string;
    logPath?: string;
    mode?: 'fullCouchDB' | 'minimumForPouchDB' | 'custom';
    overrideMode?: { include?: string[]; exclude?: string[] };
  };
  type App = RequestListener & { couchConfig: { set(section: string, key: string, value: unknown, cb: (error?: Error) => void): void } };
  function expressPouchDB(PouchDB: unknown, options?: Options): App;
  export default expressPouchDB;
}
