#!/usr/bin/env python3
"""Checks recorded GitHub API exchanges against GitHub's published OpenAPI description.

    openapi_check.py SPEC RECORD

SPEC is api.github.com.json from the npm package @octokit/openapi (generated/); RECORD is
what `local-forge --flavor github --record FILE` wrote: one JSON object a line with method,
path (below /api/v3), query, requestBody, status, contentType and responseBody. Every
request must name a documented operation, with documented query parameters and a body
that fits the operation's schema; every answer must be a documented status whose JSON fits
its schema. Prints each violation and exits 1 if there is any.

A small validator for the subset of OpenAPI 3.0 schemas GitHub's description uses: $ref,
type (with nullable), properties, required, additionalProperties, items, enum, allOf,
anyOf, oneOf.
"""
import json
import re
import sys
from urllib.parse import parse_qsl

TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "boolean": bool,
}


def resolve(spec, node):
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        assert ref.startswith("#/"), ref
        target = spec
        for part in ref[2:].split("/"):
            target = target[part]
        node = target
    return node


def type_ok(value, expected):
    if expected == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if expected == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if expected == "null":
        return value is None
    return isinstance(value, TYPES.get(expected, object))


def validate(spec, schema, value, where, errors, depth=0):
    schema = resolve(spec, schema)
    if depth > 60 or not isinstance(schema, dict):
        return
    if value is None and (schema.get("nullable") or "null" in (schema.get("type") or [])):
        return
    if "allOf" in schema:
        for part in schema["allOf"]:
            validate(spec, part, value, where, errors, depth + 1)
    for key in ("anyOf", "oneOf"):
        if key in schema:
            trials = []
            for part in schema[key]:
                found = []
                validate(spec, part, value, where, found, depth + 1)
                trials.append(found)
            if all(trials):
                errors.append(f"{where}: fits none of {key}: " + "; ".join(t[0] for t in trials))
    expected = schema.get("type")
    if expected is not None:
        kinds = expected if isinstance(expected, list) else [expected]
        if not any(type_ok(value, kind) for kind in kinds):
            errors.append(f"{where}: {json.dumps(value)[:80]} is not {expected}")
            return
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {value!r} is not one of {schema['enum']}")
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        for name in schema.get("required", []):
            if name not in value:
                errors.append(f"{where}: required property {name!r} missing")
        for name, item in value.items():
            if name in properties:
                validate(spec, properties[name], item, f"{where}.{name}", errors, depth + 1)
            elif schema.get("additionalProperties") is False:
                errors.append(f"{where}: property {name!r} is not in the schema")
            elif isinstance(schema.get("additionalProperties"), dict):
                validate(spec, schema["additionalProperties"], item, f"{where}.{name}", errors,
                         depth + 1)
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            validate(spec, schema["items"], item, f"{where}[{index}]", errors, depth + 1)


def operations(spec):
    table = []
    for template, item in spec["paths"].items():
        pattern = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$"
        table.append((re.compile(pattern), template, item))
    return table


def main():
    spec_path, record_path = sys.argv[1], sys.argv[2]
    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    table = operations(spec)
    errors = []
    checked = 0
    with open(record_path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            entry = json.loads(line)
            method = entry["method"].lower()
            where = f"{entry['method']} {entry['path']} -> {entry['status']}"
            matches = [(t, i) for p, t, i in table if p.match(entry["path"])]
            # The most specific template: the fewest parameters.
            matches.sort(key=lambda m: m[0].count("{"))
            operation = None
            for template, item in matches:
                if method in item:
                    operation = resolve(spec, item[method])
                    parameters = item.get("parameters", [])
                    break
            if operation is None:
                errors.append(f"{where}: no such operation in the description")
                continue
            checked += 1
            known = {}
            for parameter in parameters + operation.get("parameters", []):
                parameter = resolve(spec, parameter)
                if parameter.get("in") == "query":
                    known[parameter["name"]] = parameter
            for name, value in parse_qsl(entry.get("query", ""), keep_blank_values=True):
                if name not in known:
                    errors.append(f"{where}: query parameter {name!r} is not documented")
                    continue
                schema = resolve(spec, known[name].get("schema", {}))
                if "enum" in schema and value not in schema["enum"]:
                    errors.append(f"{where}: query {name}={value!r} is not one of {schema['enum']}")
            if entry.get("requestBody"):
                body = resolve(spec, operation.get("requestBody", {}))
                schema = body.get("content", {}).get("application/json", {}).get("schema")
                if schema is None:
                    errors.append(f"{where}: the operation takes no JSON body")
                else:
                    validate(spec, schema, json.loads(entry["requestBody"]), f"{where} request",
                             errors)
            responses = operation.get("responses", {})
            answer = responses.get(str(entry["status"])) or responses.get("default")
            if answer is None:
                errors.append(f"{where}: status {entry['status']} is not documented "
                              f"(documented: {', '.join(responses)})")
                continue
            answer = resolve(spec, answer)
            content = answer.get("content", {})
            schema = None
            for media, description in content.items():
                if "json" in media:
                    schema = description.get("schema")
            if schema is not None and entry.get("responseBody"):
                validate(spec, schema, json.loads(entry["responseBody"]), f"{where} response",
                         errors)
    for error in errors:
        print(error)
    print(f"{checked} exchanges checked, {len(errors)} violations")
    return 1 if errors or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
