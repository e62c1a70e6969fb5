/**
 * The evidence reader's public face: what other code imports to read a document. The reader
 * itself lives in ./reader (one module per block construct and per tag form).
 */
export { createAnalyzer } from './reader/index';
export * from './reader/types';
export { codeRef, tagOf, unknownCodesOf } from './reader/grammar';
export { cleanHeading, excludedHeadingPattern, finishSections, isExcludedHeading, setextHeadingText } from './reader/sections';
