// Broken on purpose: the domain imports the tRPC layer.
import { router } from '../../api/src/router';

export const leaked = router;
