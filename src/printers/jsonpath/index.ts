export { executeAsJson, JsonPath, JsonPathError, valueText } from './eval.js';
export { JsonPathSyntaxError, Parser } from './parser.js';
