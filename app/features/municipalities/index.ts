/** The municipalities feature as other features see it: everything outside this folder imports it from here. */
export { MunicipalityCard } from './MunicipalityCard';
export { VerificationTag } from './VerificationTag';
export { municipalityNames, municipalityPlace } from './municipality-place';
export { applyMunicipalityFilters, municipalitySearchIndex, DEFAULT_MUNICIPALITY_FILTERS } from './municipality-filters';
export type { MunicipalityFilters } from './municipality-filters';
