/**
 * Name recognition core: pure TypeScript, no DOM or browser API, so it runs in the content script and in Node
 * tests alike. The DOM walk and badges build on `buildMatcher(...).findAll(textNode.data)`.
 */
export { buildMatcher, buildMatcherInSlices, MAX_PATTERN_LENGTH, packMatcher, unpackMatcher } from './matcher';
export type { Match, Matcher, MatcherStats, PackedMatcher, SliceOptions } from './matcher';
export { MATCH_KINDS, MIN_EMPLOYEE_NUMBER_LENGTH } from './name-variants';
export type { MatchKind, MatchPerson } from './name-variants';
export { foldKey, foldText } from './fold';
