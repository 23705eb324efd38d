// Prints a router type as a standalone declaration: tRPC's own router and procedure types
// around plain structural types (objects, unions, literals), with no reference to where they
// were declared. Only JSON-shaped types can appear in inputs, outputs and errors, so anything
// else (functions, classes, dates) stops the build rather than being printed wrongly.
import ts from 'typescript';

export function printRouter(program: ts.Program, file: string): string {
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  const exported = moduleSymbol && checker.getExportsOfModule(moduleSymbol);
  const symbol = exported?.find((s) => s.name === 'AppRouter');
  if (!symbol) throw new Error(`${file} exports no AppRouter`);
  const router = checker.getDeclaredTypeOfSymbol(checker.getAliasedSymbol(symbol));

  const prop = (type: ts.Type, name: string): ts.Type => {
    const found = checker.getPropertyOfType(type, name);
    if (!found) throw new Error(`no property ${name} on ${checker.typeToString(type)}`);
    return checker.getTypeOfSymbol(found);
  };
  const print = (type: ts.Type, depth: number): string => printType(checker, type, depth);

  const def = prop(router, '_def');
  const errorShape = prop(prop(prop(def, '_config'), '$types'), 'errorShape');

  const record = (type: ts.Type, indent: string): string => {
    const lines = checker.getPropertiesOfType(type).map((member) => {
      const value = checker.getTypeOfSymbol(member);
      const key = propertyName(member.name);
      const valueDef = checker.getPropertyOfType(value, '_def');
      const isProcedure =
        valueDef && checker.getPropertyOfType(checker.getTypeOfSymbol(valueDef), 'procedure');
      if (!isProcedure) return `${indent}  ${key}: ${record(value, indent + '  ')};`;
      const procedureDef = prop(value, '_def');
      const kind = prop(procedureDef, 'type');
      if (!kind.isStringLiteral()) throw new Error(`procedure ${member.name} has no literal type`);
      const wrapper = { query: 'TRPCQueryProcedure', mutation: 'TRPCMutationProcedure' }[
        kind.value
      ];
      if (!wrapper) throw new Error(`procedure ${member.name}: ${kind.value} is not supported`);
      const types = prop(procedureDef, '$types');
      const input = print(prop(types, 'input'), 0);
      const output = print(prop(types, 'output'), 0);
      return `${indent}  ${key}: ${wrapper}<{ input: ${input}; output: ${output}; meta: object }>;`;
    });
    return `{\n${lines.join('\n')}\n${indent}}`;
  };

  return [
    "// Generated from the service's router by scripts/build-types.ts: procedures and errors only.",
    "import type { TRPCBuiltRouter, TRPCMutationProcedure, TRPCQueryProcedure } from '@trpc/server';",
    '',
    `type ErrorShape = ${print(errorShape, 0)};`,
    '',
    'export type AppRouter = TRPCBuiltRouter<',
    '  { ctx: object; meta: object; errorShape: ErrorShape; transformer: false },',
    `  ${record(prop(def, 'record'), '  ')}`,
    '>;',
    '',
  ].join('\n');
}

function printType(checker: ts.TypeChecker, type: ts.Type, depth: number): string {
  if (depth > 20) throw new Error(`type too deep: ${checker.typeToString(type)}`);
  const f = type.flags;
  const simple: [ts.TypeFlags, string][] = [
    [ts.TypeFlags.Any, 'unknown'],
    [ts.TypeFlags.Unknown, 'unknown'],
    [ts.TypeFlags.String, 'string'],
    [ts.TypeFlags.Number, 'number'],
    [ts.TypeFlags.Boolean, 'boolean'],
    [ts.TypeFlags.BigInt, 'bigint'],
    [ts.TypeFlags.Null, 'null'],
    [ts.TypeFlags.Undefined, 'undefined'],
    [ts.TypeFlags.Void, 'void'],
    [ts.TypeFlags.Never, 'never'],
  ];
  for (const [flag, text] of simple) if (f & flag) return text;
  if (type.isStringLiteral()) return JSON.stringify(type.value);
  if (type.isNumberLiteral()) return String(type.value);
  if (f & ts.TypeFlags.BooleanLiteral) return checker.typeToString(type);
  if (type.isUnion()) {
    const parts = [...new Set(type.types.map((t) => printType(checker, t, depth + 1)))];
    // `boolean` arrives as `true | false` inside larger unions.
    const joined =
      parts.includes('true') && parts.includes('false')
        ? [...parts.filter((p) => p !== 'true' && p !== 'false'), 'boolean']
        : parts;
    return joined.join(' | ');
  }
  if (checker.isArrayType(type)) {
    const [element] = checker.getTypeArguments(type as ts.TypeReference);
    if (!element) throw new Error('array without element type');
    return `Array<${printType(checker, element, depth + 1)}>`;
  }
  if (checker.isTupleType(type)) {
    const elements = checker.getTypeArguments(type as ts.TypeReference);
    return `[${elements.map((t) => printType(checker, t, depth + 1)).join(', ')}]`;
  }
  if (f & (ts.TypeFlags.Object | ts.TypeFlags.Intersection)) {
    if (type.getCallSignatures().length > 0 || type.getConstructSignatures().length > 0) {
      throw new Error(`not JSON: ${checker.typeToString(type)}`);
    }
    const members = checker.getPropertiesOfType(type).map((member) => {
      const optional = member.flags & ts.SymbolFlags.Optional ? '?' : '';
      const value = printType(checker, checker.getTypeOfSymbol(member), depth + 1);
      return `${propertyName(member.name)}${optional}: ${value}`;
    });
    for (const index of checker.getIndexInfosOfType(type)) {
      const key = printType(checker, index.keyType, depth + 1);
      members.push(`[key: ${key}]: ${printType(checker, index.type, depth + 1)}`);
    }
    return members.length === 0 ? 'object' : `{ ${members.join('; ')} }`;
  }
  throw new Error(`cannot print ${checker.typeToString(type)}`);
}

function propertyName(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}
