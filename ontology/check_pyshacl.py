#!/usr/bin/env python3
"""Validate the example data graphs against ontology/shapes.ttl with pyshacl.

Usage:
    check_pyshacl.py [--shapes SHAPES.ttl] [EXAMPLE.ttl | DIRECTORY ...]

Without arguments, validates every ontology/examples/*.ttl against ontology/shapes.ttl (both
found next to this script). Validation uses no inference, as the Rust engine does.

Output, one block per example, in file-name order (stdout):

    <name>: conforms
    <name>: violates
      <message>
      <message>

where <name> is the file name without `.ttl` and the indented lines are the distinct
sh:resultMessage values of the report, sorted. Problems go to stderr.

Expected verdicts come from the file names: `<shape>-valid.ttl` must conform;
`<shape>-invalid.ttl` must not conform, must report the message given on its first line
(`# violates: <message>`), and must violate no shape other than `ngsh:<Shape>Shape` (the
kebab-case name turned to CamelCase, `event-dates` -> `EventDatesShape`) and its property
shapes.

Exit status: 0 when every verdict is as expected, 1 when one is not, 2 on a usage or parse
error. Needs rdflib and pyshacl.
"""

import argparse
import sys
from pathlib import Path

from pyshacl import validate
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF

SH = Namespace("http://www.w3.org/ns/shacl#")
NGSH = Namespace("https://w3id.org/newsgraph/shapes#")
HERE = Path(__file__).resolve().parent
VIOLATES = "# violates:"


def shape_for(stem: str) -> URIRef:
    """`event-dates` -> ngsh:EventDatesShape."""
    return NGSH["".join(part[:1].upper() + part[1:] for part in stem.split("-")) + "Shape"]


def expected_message(path: Path) -> str | None:
    with path.open(encoding="utf-8") as f:
        first = f.readline().strip()
    if first.startswith(VIOLATES):
        return first[len(VIOLATES):].strip()
    return None


def collect(args: list[str]) -> list[Path]:
    paths: list[Path] = []
    for arg in args or [str(HERE / "examples")]:
        p = Path(arg)
        if p.is_dir():
            paths.extend(sorted(p.glob("*.ttl")))
        elif p.is_file():
            paths.append(p)
        else:
            raise SystemExit(f"error: no such file or directory: {arg}")
    return sorted(paths, key=lambda p: p.name)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shapes", default=str(HERE / "shapes.ttl"), help="the shapes graph")
    parser.add_argument("examples", nargs="*", help="example files or directories")
    opts = parser.parse_args()

    try:
        shapes = Graph().parse(opts.shapes, format="turtle")
    except Exception as e:  # noqa: BLE001 - report any parse failure the same way
        print(f"error: cannot parse {opts.shapes}: {e}", file=sys.stderr)
        return 2

    unexpected = 0
    for path in collect(opts.examples):
        name = path.name[: -len(".ttl")] if path.name.endswith(".ttl") else path.name
        try:
            data = Graph().parse(str(path), format="turtle")
        except Exception as e:  # noqa: BLE001
            print(f"error: cannot parse {path}: {e}", file=sys.stderr)
            return 2

        conforms, report, _ = validate(
            data,
            shacl_graph=shapes,
            inference="none",
            abort_on_first=False,
            allow_warnings=False,
            allow_infos=False,
            advanced=False,
            meta_shacl=False,
        )
        results = list(report.subjects(RDF.type, SH.ValidationResult))
        messages = sorted({str(m) for r in results for m in report.objects(r, SH.resultMessage)})
        print(f"{name}: {'conforms' if conforms else 'violates'}")
        for m in messages:
            print(f"  {m}")

        problems: list[str] = []
        if name.endswith("-valid"):
            if not conforms:
                problems.append("expected to conform")
        elif name.endswith("-invalid"):
            want = expected_message(path)
            if conforms:
                problems.append("expected to violate its shape")
            if want is None:
                problems.append(f"first line lacks '{VIOLATES} <message>'")
            elif not conforms and want not in messages:
                problems.append(f"expected message not reported: {want}")
            node_shape = shape_for(name[: -len("-invalid")])
            if (node_shape, RDF.type, SH.NodeShape) not in shapes:
                problems.append(f"no node shape {node_shape} in the shapes graph")
            allowed = {node_shape, *shapes.objects(node_shape, SH.property)}
            for r in results:
                for source in report.objects(r, SH.sourceShape):
                    if source not in allowed:
                        problems.append(f"also violates {source}")
        else:
            problems.append("name ends neither in -valid nor in -invalid")

        for p in sorted(set(problems)):
            print(f"{path.name}: {p}", file=sys.stderr)
        unexpected += bool(problems)

    return 1 if unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
