// `node --import` this: the server's helper threads keep the normal priority
// (bench/runtime-settings.ts).
import { syncBuiltinESMExports } from 'node:module';
import os from 'node:os';

os.setPriority = () => undefined;
syncBuiltinESMExports();
