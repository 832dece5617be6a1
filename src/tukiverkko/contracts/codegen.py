"""Typed models generated from the contracts, so that the API's types follow the contract.

    make contract-types        (= python -m tukiverkko.contracts.codegen)

writes ``recommendation.py`` from ``recommendation.schema.json`` with datamodel-code-generator
(a development dependency; nothing here runs in production). A test regenerates it and fails
when the committed file differs: after a contract changes, run the command once.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tukiverkko.contracts import DIR

GENERATED = {"recommendation": DIR / "recommendation.py"}
HEADER = '"""Generated from {name}.schema.json by ``make contract-types`` — do not edit by hand."""'
ROOT = Path(__file__).resolve().parents[3]


def generate(name: str) -> str:
    """The module text for contract ``name``, formatted with the project's ruff settings."""
    from datamodel_code_generator import generate
    from datamodel_code_generator.enums import DataModelType, InputFileType
    from datamodel_code_generator.format import PythonVersion
    from datamodel_code_generator.parser import LiteralType

    code = generate(
        (DIR / f"{name}.schema.json").read_text(encoding="utf-8"),
        input_file_type=InputFileType.JsonSchema,
        output_model_type=DataModelType.PydanticV2BaseModel,
        target_python_version=PythonVersion.PY_311,
        use_annotated=True,
        use_standard_collections=True,
        use_union_operator=True,
        use_double_quotes=True,
        enum_field_as_literal=LiteralType.All,
        disable_timestamp=True,
        custom_file_header=HEADER.format(name=name),
        formatters=[],
    )
    if not isinstance(code, str):
        raise TypeError(f"datamodel-code-generator gave {type(code).__name__}, not one module")
    return _ruff(code)


def _ruff(code: str) -> str:
    config = str(ROOT / "pyproject.toml")
    ruff = [sys.executable, "-m", "ruff"]
    fixed = subprocess.run(  # noqa: S603 — our own tool on our own text
        [*ruff, "check", "--config", config, "--fix", "--quiet", "--exit-zero", "-"],
        input=code,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return subprocess.run(  # noqa: S603
        [*ruff, "format", "--config", config, "-"],
        input=fixed,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def main() -> None:
    for name, path in GENERATED.items():
        path.write_text(generate(name), encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
