"""The typed models follow their contracts: regenerating gives exactly the committed module."""

from __future__ import annotations

from tukiverkko.contracts.codegen import GENERATED, generate


def test_every_generated_module_is_what_its_contract_generates() -> None:
    # given each contract with a typed module / when regenerated / then nothing differs
    for name, path in GENERATED.items():
        assert generate(name) == path.read_text(encoding="utf-8"), (
            f"{path.name} no longer follows {name}.schema.json: run `make contract-types`"
        )
