/** Imported first by the command-line tools: attach to a running `npm start` when no table is set. */
import { attachToLocalStack } from '../infra/local/stack-file';

attachToLocalStack();
