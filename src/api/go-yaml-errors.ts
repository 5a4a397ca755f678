// go-yaml's words for a YAML syntax error, from the `yaml` library's error code and message: kubectl
// (go-yaml v2) and kustomize (go-yaml v3) print the same texts, and users grep for them. Pure.

/** go-yaml's wording for the yaml library's most common error codes. */
export function goYamlMessage(code: string, message: string): string {
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  switch (code) {
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return 'mapping values are not allowed in this context';
    case 'TAB_AS_INDENT':
    case 'BAD_SCALAR_START':
      return 'found character that cannot start any token';
    case 'BAD_INDENT':
      if (first.startsWith('Flow map')) return "did not find expected ',' or '}'";
      if (first.startsWith('Flow sequence')) return "did not find expected ',' or ']'";
      return 'did not find expected key';
    case 'MISSING_CHAR':
      if (/quote/.test(first)) return 'found unexpected end of stream';
      if (/map values/.test(first)) return "could not find expected ':'";
      return 'did not find expected key';
    default:
      return first.charAt(0).toLowerCase() + first.slice(1);
  }
}
