/** Bad input: exit code 2 with a message that says what to type instead. */
export class UsageError extends Error {}

export const usage = `Usage:
  ferry get <ref>... [-o DIR] [--account LABEL] [--connections N] [--parallel N] [--limit RATE] [--unpack] [--json]
  ferry add <ref>... [-o DIR] [--account LABEL] [--connections N] [--limit RATE] [--unpack] [--json]
  ferry run [--parallel N] [--connections N] [--limit RATE] [--json]
  ferry ls [--json]
  ferry pause|resume|cancel|retry <id|all>...
  ferry accounts add <provider> --label L [--base-url URL] [field=value ...]
  ferry accounts ls [--json] | rm <label> | test <label> | browse <label> [--json]
Global: --profile DIR (or FERRY_HOME) chooses where the library and settings live.
A ref is an http(s) link, echo3d:file/<storageId> or echo3d:entry/<entryId>[?format=glb][&convert=true].
RATE is bytes per second, e.g. 500K or 2M.
--unpack unpacks ZIP and TAR archives beside themselves once downloaded (--no-unpack: do not; default: the settings).`;
