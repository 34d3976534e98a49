// Host and job facts the rules share, each memoised per scan in the rule context.

export { envLineFor, jobEnvironment, safePathFor, sourceOf, splitPath, SAFE_PATH_ENTRIES, type JobEnvironment } from './environment.js';
export { absoluteFrom, lookupCommand, resolveCommand, type CommandLookup, type LookupStatus } from './resolve.js';
export { targetsOf, type Target } from './targets.js';
export {
  describeRisks, exposureOf, groupName, octal, ownershipChain, uidOf, userName, writeRisks,
  type ChainLink, type OwnershipChain, type TargetExposure, type WriteRisk,
} from './ownership.js';
export { findProgram, hostFacts, type AutoUpdates, type HostFacts } from './host.js';
export { runsAsRoot, userFacts, type UserFacts } from './users.js';
export { isCronMachinery, isDistributionManaged, packagedJob, stockNote, stockOrigin } from './managed.js';
export { parseAptConf, readAptConfig } from './apt-config.js';
