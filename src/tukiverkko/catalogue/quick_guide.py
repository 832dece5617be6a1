"""The seven steps of seed 000 "Verkostotyön pikaopas" (RULEBOOK §7), written once: the printable
quick guide lists them and every case's checklist follows them. Step 7, who follows up, is
mandatory before toteutus (cases.actions.change_phase)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

QUICK_GUIDE_STEPS: dict[int, StrOrPromise] = {
    1: _("Tunnista työkyvyn haaste Työkykymittarilla (sovella oman työsi näkökulmasta)."),
    2: _("Käytä apuna työttömien terveydenhoitajan ja työkykykoordinaattorin asiantuntemusta."),
    3: _(
        "Ota asiakkaan luvalla (yksikkösi kirjallinen suostumus) yhteyttä verkoston muihin "
        "jäseniin (kokoonpano tapauskohtainen), jolloin saat lisätietoa asiakkaan toimintakyvystä."
    ),
    4: _("Yrittäkää yhdessä hahmottaa, mikä työllistymisen esteenä on."),
    5: _("Tapaa tarvittaessa asiakasta yhdessä verkoston muiden jäsenten kanssa."),
    6: _(
        "Verkosto ja asiakas suunnittelevat jatkot – kaikilla tulee olla yhteinen näkemys "
        "tilanteesta."
    ),
    7: _("Sopikaa kuka on vastuussa seurannasta."),
}
FOLLOW_UP_STEP = 7


def step_choices() -> list[tuple[int, StrOrPromise]]:
    """The steps as model and form choices (a callable, so migrations do not copy the texts)."""
    return list(QUICK_GUIDE_STEPS.items())
