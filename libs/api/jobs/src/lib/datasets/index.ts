export * from './banking77';
export * from './coco';
export * from './dataset-files';
export * from './dataset.types';
export * from './hh-rlhf';
export { splitGold, toJsonLines, type JsonLinesOptions } from './json-lines';
export * from './oasst';
export * from './wnut17';
