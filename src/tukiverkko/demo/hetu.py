"""Fictitious henkilötunnus for demo and test data: individual numbers 900–999 (the range
reserved for temporary codes, never given to a real person), with a correct check mark."""

from __future__ import annotations

import datetime as dt
import random

_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def fictitious(birth: dt.date, individual: int, sign: str | None = None) -> str:
    if not 900 <= individual <= 999:
        raise ValueError("fictitious codes use individual numbers 900–999")
    if sign is None:
        sign = {18: "+", 19: "-", 20: "A"}[birth.year // 100]
    digits = f"{birth:%d%m%y}{individual:03d}"
    return f"{birth:%d%m%y}{sign}{individual:03d}{_CHECK[int(digits) % 31]}"


def random_fictitious(rng: random.Random, start_year: int = 1960, end_year: int = 2004) -> str:
    start = dt.date(start_year, 1, 1).toordinal()
    end = dt.date(end_year, 12, 31).toordinal()
    return fictitious(dt.date.fromordinal(rng.randint(start, end)), rng.randint(900, 999))
