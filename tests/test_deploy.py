"""docs/deploy.md's recipe, run: production settings, migrate, collectstatic, a clean
`check --deploy`, `tukiverkko serve`, HTTPS through the proxy's header, health probes."""

from __future__ import annotations

import re

import requests

from tests.live import Server, tukiverkko

HOST = "tukiverkko.example.fi"
# The demo database's values are encrypted under the demo key; a real installation has its own.
DEMO_FIELD_KEY = "ZGVtby1vbmx5LWtleS0tbm90LWZvci1wcm9kLXVzZSE="


def test_the_deploy_recipe_gives_a_clean_checked_https_server(demo_db, workdir, servers):
    # given production settings as docs/deploy.md lists them
    production = {
        "TUKIVERKKO_ENV": "production",
        "DJANGO_DEBUG": "",
        "DJANGO_SECRET_KEY": "deploy-test-4Jd9-Qw2x-Lm7Z-p0Rt-Vb6N-Yc3K-Hs8F-Ge1U-Xa5W",
        "TUKIVERKKO_FIELD_KEY": DEMO_FIELD_KEY,
        "TUKIVERKKO_AUDIT_HMAC_KEY": "deploy-test-hmac-key-of-at-least-32-characters",
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DJANGO_STATIC_ROOT": str(workdir / "static"),
    }
    # when the recipe's commands run, and the server starts
    for step in (["migrate", "--noinput"], ["collectstatic", "--noinput", "-v0"]):
        tukiverkko(step, demo_db.url, cwd=workdir, **production)
    check = tukiverkko(
        ["check", "--deploy", "--fail-level", "WARNING"], demo_db.url, cwd=workdir, check=False,
        **production,
    )  # fmt: skip
    server = Server(demo_db, workdir, env=production).start()
    servers.append(server)
    plain = requests.get(
        f"{server.url}/palvelut/", headers={"Host": HOST}, allow_redirects=False, timeout=30
    )
    proxied = requests.get(
        f"{server.url}/palvelut/", headers={"Host": HOST, "X-Forwarded-Proto": "https"}, timeout=30
    )
    css = re.search(r'href="(/static/core/site\.[0-9a-f]+\.css)"', proxied.text)
    static = requests.get(
        f"{server.url}{css.group(1)}", headers={"Host": HOST, "X-Forwarded-Proto": "https"}, timeout=30
    ) if css else None  # fmt: skip
    other_host = requests.get(
        f"{server.url}/palvelut/", headers={"Host": "evil.example", "X-Forwarded-Proto": "https"},
        timeout=30,
    )  # fmt: skip
    health = requests.get(f"{server.url}/healthz", headers={"Host": "10.1.2.3"}, timeout=30)
    ready = requests.get(f"{server.url}/readyz", headers={"Host": "10.1.2.3"}, timeout=30)
    # then the deploy checks are clean
    assert check.returncode == 0, check.stdout + check.stderr
    assert "no issues" in check.stdout
    # and plain HTTP is sent to HTTPS, HTTPS through the proxy serves with HSTS
    assert plain.status_code == 301 and plain.headers["Location"].startswith(f"https://{HOST}/")
    assert proxied.status_code == 200
    assert "max-age=31536000" in proxied.headers["Strict-Transport-Security"]
    # and static files come hashed from WhiteNoise, cached for good
    assert static is not None and static.status_code == 200
    assert "immutable" in static.headers["Cache-Control"]
    # and an unknown host is refused, while the probes answer by IP over plain HTTP
    assert other_host.status_code == 400
    assert health.status_code == 200 and ready.status_code == 200
    assert ready.json()["checks"]["worker"] == "ok (1 alive)"
