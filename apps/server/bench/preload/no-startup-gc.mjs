// `node --import` this: the server's start-up collection does nothing (bench/runtime-settings.ts).
import { syncBuiltinESMExports } from 'node:module';
import vm from 'node:vm';

const original = vm.runInNewContext;
vm.runInNewContext = (code, ...rest) => (code === 'gc' ? () => undefined : original(code, ...rest));
syncBuiltinESMExports();
