// The helper lives in src/util/ so that the library's lowest folders can use it too; this keeps
// the report helpers' and CLI's imports working.
export { plural } from '../util/plural';
