"""The IPS story's world (shared by the browser test and its HTTP twin): a client of the
county's employment-promoting social services with a social worker, the county's job coach and
the Varha IPS service of the catalogue, and a catalogue editor."""

from __future__ import annotations

from tukiverkko.accounts.models import Region
from tukiverkko.catalogue.models import Service
from tukiverkko.ips.tests.factories import World, a_world

VARHA_IPS = "varha-ips-tyohonvalmennus"
VARHA_IPS_NAME = "Laatuperusteinen työhönvalmennus (IPS), Varha"
EMPLOYER = ("Puutarha Oy", "0112038-9")
OTHER_EMPLOYER = ("Kone Oyj", "1927400-1")
SKILLS = "asiakaspalvelu\nkassatyö"
WISHES = "ulkotyö puistossa"
RESTRICTIONS = "ei raskaita nostoja"


def ips_world() -> World:
    """The world with its IPS service named and addressed as the catalogue's Varha service."""
    world = a_world()
    Service.objects.filter(pk=world.service.pk).update(slug=VARHA_IPS, name_fi=VARHA_IPS_NAME)
    world.service.refresh_from_db()
    Region.objects.filter(pk=world.service.region_id).update(name_fi="Varsinais-Suomi")
    return world


def fidelity_scores(total_per_item: int = 4) -> dict[str, str]:
    """The review form's 25 scores (every item ``total_per_item``) as the page posts them."""
    from tukiverkko.ips.fidelity import scale

    return {f"score_{i.code}": str(total_per_item) for i in scale().items}
